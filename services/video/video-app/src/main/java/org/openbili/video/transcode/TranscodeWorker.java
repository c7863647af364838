package org.openbili.video.transcode;

import java.io.IOException;
import org.openbili.events.EventEnvelope;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoUploaded;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The transcoding workers: every video instance joins one consumer group, so each {@code VideoUploaded} job
 * goes to one of them. The offset is committed only after the job, so a worker that dies mid-job leaves it to
 * be delivered again; the video's state makes a job that already finished a no-op.
 */
@Component
class TranscodeWorker {

    private final Transcoder transcoder;

    TranscodeWorker(Transcoder transcoder) {
        this.transcoder = transcoder;
    }

    // the group is configurable so that test contexts with databases of their own keep their jobs apart
    @KafkaListener(
            topics = VideoEvents.TOPIC,
            groupId = "${openbili.video.transcode.group:${spring.application.name}-transcode}",
            containerFactory = TranscodeConfiguration.LISTENER_FACTORY)
    void on(EventEnvelope event) throws IOException, InterruptedException {
        if (event.is(VideoUploaded.class)) {
            transcoder.transcode(
                    Long.parseLong(event.payloadAs(VideoUploaded.class).videoId()));
        }
    }
}
