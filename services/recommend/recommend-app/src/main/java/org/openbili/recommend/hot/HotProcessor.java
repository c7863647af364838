package org.openbili.recommend.hot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.CoinsGiven;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.VideoFavorited;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.interaction.api.VideoShared;
import org.openbili.interaction.api.VideoUnliked;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-list stream's one processor, per video (records arrive keyed by video id): counts each account's action
 * once into hourly buckets, follows publication and removal, and every second writes the changed videos' scores
 * (and, every few minutes and at start, every video's) to Redis through {@link RankingWriter}. Its state lives in
 * three changelogged stores, so a restart, or a new instance taking the partition over, resumes where it was.
 */
final class HotProcessor implements Processor<String, String, Void, Void> {

    static final String VIDEOS = "hot-videos";
    static final String ACTIONS = "hot-actions";
    static final String BUCKETS = "hot-buckets";
    static final long HOUR = Duration.ofHours(1).toMillis();
    /** How long an account's action is remembered (counted once), and buckets kept: the week and a margin. */
    static final Duration RETENTION = Duration.ofDays(8);

    private static final Logger log = LoggerFactory.getLogger(HotProcessor.class);

    private final RankingWriter writer;
    private final VideoFacts facts;
    private final Duration fullPassEvery;
    private final Set<String> changed = new LinkedHashSet<>();
    private KeyValueStore<String, String> videos;
    private WindowStore<String, String> actions;
    private WindowStore<String, String> buckets;
    private ProcessorContext<Void, Void> context;
    private boolean fullPassDue = true;

    HotProcessor(RankingWriter writer, VideoFacts facts, Duration fullPassEvery) {
        this.writer = writer;
        this.facts = facts;
        this.fullPassEvery = fullPassEvery;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.videos = context.getStateStore(VIDEOS);
        this.actions = context.getStateStore(ACTIONS);
        this.buckets = context.getStateStore(BUCKETS);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::flush);
        context.schedule(fullPassEvery, PunctuationType.WALL_CLOCK_TIME, now -> fullPassDue = true);
    }

    @Override
    public void process(Record<String, String> record) {
        try {
            handle(record.key(), EventEnvelope.parse(record.value()));
        } catch (RuntimeException e) {
            log.warn("Skipped an event the hot-list stream could not read ({}): {}", record.key(), e.toString());
        }
    }

    private void handle(String video, EventEnvelope event) {
        long at = event.occurredAt().toEpochMilli();
        switch (event.type()) {
            case "VideoPublished" -> {
                VideoPublished v = event.payloadAs(VideoPublished.class);
                VideoHeat heat = heat(video, false);
                VideoHeat base = heat == null ? new VideoHeat(null, null, 0, true, 0, 0) : heat;
                save(video, base.published(v.partition(), v.publishedAt().toEpochMilli()));
            }
            case "VideoUpdated" -> {
                VideoUpdated v = event.payloadAs(VideoUpdated.class);
                VideoHeat heat = heat(video, true);
                save(video, heat.published(v.partition(), heat.publishedAt()).alive("PUBLISHED".equals(v.state())));
            }
            case "VideoDeleted" -> save(video, heat(video, true).alive(false));
            case "VideoViewed" -> {
                VideoViewed v = event.payloadAs(VideoViewed.class);
                engage(video, actor(v.viewerKey(), v.viewerUid(), event), HotScore.Action.VIEW, 1, at);
                // the card's count is every counted view, as the video page's; the score counts viewers
                save(video, heat(video, true).counted(1, 0));
            }
            case "VideoLiked" ->
                engage(video, "u" + event.payloadAs(VideoLiked.class).uid(), HotScore.Action.LIKE, 1, at);
            case "VideoUnliked" ->
                withdraw(video, "u" + event.payloadAs(VideoUnliked.class).uid(), HotScore.Action.LIKE);
            case "CoinsGiven" -> {
                CoinsGiven c = event.payloadAs(CoinsGiven.class);
                engage(video, "u" + c.uid(), HotScore.Action.COIN, c.count(), at);
            }
            case "VideoFavorited" ->
                engage(video, "u" + event.payloadAs(VideoFavorited.class).uid(), HotScore.Action.FAVORITE, 1, at);
            case "CommentPosted" ->
                engage(video, "u" + event.payloadAs(CommentPosted.class).uid(), HotScore.Action.COMMENT, 1, at);
            case "DanmakuPosted" -> {
                engage(video, "u" + event.payloadAs(DanmakuPosted.class).uid(), HotScore.Action.DANMAKU, 1, at);
                save(video, heat(video, true).counted(0, 1));
            }
            case "VideoShared" -> {
                VideoShared s = event.payloadAs(VideoShared.class);
                engage(video, actor(s.viewerKey(), s.viewerUid(), event), HotScore.Action.SHARE, 1, at);
            }
            default -> {
                // progress, uploads, watched-half and the rest do not move a hot list
            }
        }
    }

    /** Who acted: the opaque viewer key, else the account, else (old events) the event itself. */
    private static String actor(String viewerKey, String uid, EventEnvelope event) {
        if (viewerKey != null) {
            return "k" + viewerKey;
        }
        return uid != null ? "u" + uid : "e" + event.id();
    }

    /**
     * Counts {@code units} of an account's action into the bucket of the hour it first did it, up to the action's cap
     * (so a repeated view or like adds nothing); true when it counted something.
     */
    private boolean engage(String video, String actor, HotScore.Action action, int units, long at) {
        VideoHeat heat = heat(video, true);
        if (!heat.alive()) {
            return false;
        }
        String key = video + "|" + actor + "|" + action.name();
        KeyValue<Long, String> known = latest(key, at);
        if (known == null) {
            double worth = Math.min(action.cap(), units * action.weight);
            long bucket = at - Math.floorMod(at, HOUR);
            actions.put(key, worth + ",1", bucket);
            addToBucket(video, bucket, action, worth);
            return true;
        }
        String[] entry = known.value.split(",");
        double worth = Double.parseDouble(entry[0]);
        boolean active = entry[1].equals("1");
        double more = active ? Math.min(action.cap(), worth + units * action.weight) - worth : 0;
        if (!active) {
            // taken back before (an unlike): counts again, in the hour it first counted
            addToBucket(video, known.key, action, worth);
            actions.put(key, worth + ",1", known.key);
            return true;
        }
        if (more > 0) {
            addToBucket(video, known.key, action, more);
            actions.put(key, (worth + more) + ",1", known.key);
            return true;
        }
        return false;
    }

    /** Takes back an account's action (an unlike) from the bucket it was counted in. */
    private void withdraw(String video, String actor, HotScore.Action action) {
        String key = video + "|" + actor + "|" + action.name();
        KeyValue<Long, String> known = latest(key, context.currentStreamTimeMs());
        if (known != null && known.value.endsWith(",1")) {
            double worth = Double.parseDouble(known.value.split(",")[0]);
            addToBucket(video, known.key, action, -worth);
            actions.put(key, worth + ",0", known.key);
        }
    }

    private KeyValue<Long, String> latest(String key, long at) {
        long now = Math.max(at, context.currentStreamTimeMs());
        KeyValue<Long, String> last = null;
        try (WindowStoreIterator<String> found = actions.fetch(key, now - RETENTION.toMillis(), now + HOUR)) {
            while (found.hasNext()) {
                last = found.next();
            }
        }
        return last;
    }

    private void addToBucket(String video, long bucket, HotScore.Action action, double worth) {
        String current = buckets.fetch(video, bucket);
        double views = 0;
        double interactions = 0;
        if (current != null) {
            String[] parts = current.split(",");
            views = Double.parseDouble(parts[0]);
            interactions = Double.parseDouble(parts[1]);
        }
        if (action == HotScore.Action.VIEW) {
            views += worth;
        } else {
            interactions += worth;
        }
        buckets.put(video, views + "," + interactions, bucket);
        changed.add(video);
    }

    /** The video's state; when {@code orCreate} and it is unknown, what the catalogue knows, else listed as is. */
    private VideoHeat heat(String video, boolean orCreate) {
        VideoHeat heat = VideoHeat.parse(videos.get(video));
        if (heat == null && orCreate) {
            heat = facts.of(Long.parseLong(video))
                    .orElse(new VideoHeat(null, null, context.currentStreamTimeMs(), true, 0, 0));
            videos.put(video, heat.json());
        }
        return heat;
    }

    private void save(String video, VideoHeat heat) {
        videos.put(video, heat.json());
        changed.add(video);
    }

    private void flush(long now) {
        List<String> due = new ArrayList<>();
        if (fullPassDue) {
            try (KeyValueIterator<String, String> all = videos.all()) {
                all.forEachRemaining(kv -> due.add(kv.key));
            }
        } else {
            due.addAll(changed);
        }
        if (due.isEmpty()) {
            return;
        }
        List<RankingWriter.Update> updates = new ArrayList<>(due.size());
        for (String video : due) {
            VideoHeat heat = VideoHeat.parse(videos.get(video));
            if (heat != null) {
                updates.add(new RankingWriter.Update(Long.parseLong(video), heat, bucketsOf(video, now), now));
            }
        }
        if (writer.write(updates)) {
            for (RankingWriter.Update update : updates) {
                if (update.heat().leftPartition() != null) {
                    videos.put(
                            Long.toString(update.video()),
                            update.heat().settled().json());
                }
            }
            changed.removeAll(due);
            fullPassDue = false;
        }
    }

    private List<HotScore.Bucket> bucketsOf(String video, long now) {
        List<HotScore.Bucket> list = new ArrayList<>();
        try (WindowStoreIterator<String> found =
                buckets.fetch(video, now - HotScore.Window.WEEK.lengthMs - HOUR, now + HOUR)) {
            while (found.hasNext()) {
                KeyValue<Long, String> bucket = found.next();
                String[] parts = bucket.value.split(",");
                list.add(new HotScore.Bucket(bucket.key, Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
            }
        }
        return list;
    }
}
