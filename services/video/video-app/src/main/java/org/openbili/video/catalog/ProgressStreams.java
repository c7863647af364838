package org.openbili.video.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The uploaders' progress streams. Once a second one query reads the state and percent of every watched video
 * and each stream gets what changed, ending with the first state past processing. Reading the database rather
 * than listening to the transcoder makes any instance able to serve any stream, whichever worker transcodes.
 */
@Component
class ProgressStreams {

    private static final long HEARTBEAT_EVERY = 15;

    private final VideoRepository videos;
    private final Map<Long, Set<Stream>> watched = new ConcurrentHashMap<>();
    private long ticks;

    ProgressStreams(VideoRepository videos) {
        this.videos = videos;
    }

    /** A snapshot of what the uploader sees. */
    record Progress(String state, int percent) {

        static Progress of(Video video) {
            return new Progress(video.state().name(), video.transcodePercent());
        }

        boolean finished() {
            return !VideoState.UPLOADING.name().equals(state)
                    && !VideoState.PROCESSING.name().equals(state);
        }
    }

    private static final class Stream {
        final SseEmitter emitter;
        Progress last;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }
    }

    SseEmitter open(Video video) {
        SseEmitter emitter = new SseEmitter(0L);
        Stream stream = new Stream(emitter);
        Set<Stream> streams = watched.computeIfAbsent(video.id(), id -> ConcurrentHashMap.newKeySet());
        streams.add(stream);
        Runnable forget = () -> streams.remove(stream);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(e -> forget.run());
        send(stream, Progress.of(video));
        return emitter;
    }

    @Scheduled(fixedDelay = 1000)
    void tick() {
        watched.values().removeIf(Set::isEmpty);
        if (watched.isEmpty()) {
            return; // nobody watches an upload: no read (and no transaction) every second
        }
        boolean heartbeat = ++ticks % HEARTBEAT_EVERY == 0;
        List<Video> current = videos.findAllById(watched.keySet());
        for (Video video : current) {
            Progress progress = Progress.of(video);
            for (Stream stream : watched.getOrDefault(video.id(), Set.of())) {
                if (!progress.equals(stream.last)) {
                    send(stream, progress);
                } else if (heartbeat) {
                    comment(stream);
                }
            }
        }
        watched.keySet().removeIf(id -> current.stream().noneMatch(v -> v.id().equals(id)) && end(id));
    }

    private void send(Stream stream, Progress progress) {
        try {
            stream.emitter.send(SseEmitter.event().name("progress").data(progress, MediaType.APPLICATION_JSON));
            stream.last = progress;
            if (progress.finished()) {
                stream.emitter.complete();
            }
        } catch (IOException | IllegalStateException gone) {
            stream.emitter.completeWithError(gone);
        }
    }

    private void comment(Stream stream) {
        try {
            stream.emitter.send(SseEmitter.event().comment("keep-alive"));
        } catch (IOException | IllegalStateException gone) {
            stream.emitter.completeWithError(gone);
        }
    }

    /** The video was deleted while watched: its streams end. */
    private boolean end(Long id) {
        watched.getOrDefault(id, Set.of()).forEach(stream -> stream.emitter.complete());
        return true;
    }
}
