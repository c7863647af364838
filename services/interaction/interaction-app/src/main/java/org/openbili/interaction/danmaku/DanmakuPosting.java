package org.openbili.interaction.danmaku;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.openbili.common.id.Snowflake;
import org.openbili.common.problem.ApiException;
import org.openbili.common.problem.ProblemField;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.DanmakuRequest;
import org.openbili.interaction.api.DanmakuView;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.openbili.interaction.limit.RateLimiter;
import org.openbili.interaction.text.Mentions;
import org.openbili.interaction.text.SensitiveWords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posting a danmaku, whether it came over REST or (through the message service) over the WebSocket: checked,
 * filtered, stored in its segment, counted, and announced as {@code DanmakuPosted} (with the users it @-mentions),
 * from which the message service pushes it to every viewer of the video on every node.
 */
@Component
class DanmakuPosting {

    /** A player's position may run a little past the duration the transcoder measured. */
    private static final long DURATION_SLACK_MS = 5_000;

    private final Videos videos;
    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;
    private final VideoCounters counters;
    private final DomainEvents events;
    private final SensitiveWords words;
    private final RateLimiter limiter;
    private final Mentions mentions;
    private final TransactionTemplate transactions;

    DanmakuPosting(
            Videos videos,
            JdbcClient jdbc,
            Snowflake ids,
            Clock clock,
            VideoCounters counters,
            DomainEvents events,
            SensitiveWords words,
            RateLimiter limiter,
            Mentions mentions,
            PlatformTransactionManager transactions) {
        this.videos = videos;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.counters = counters;
        this.events = events;
        this.words = words;
        this.limiter = limiter;
        this.mentions = mentions;
        this.transactions = new TransactionTemplate(transactions);
    }

    DanmakuView post(long uid, String bvid, DanmakuRequest request) {
        CatalogVideo video = videos.require(bvid);
        if (request == null) {
            throw ApiException.badRequest("MALFORMED_BODY", "请求体不能为空");
        }
        List<ProblemField> problems = request.problems();
        if (!problems.isEmpty()) {
            ApiException invalid = ApiException.badRequest("VALIDATION_FAILED", describe(problems));
            problems.forEach(p -> invalid.withField(p.field(), p.message()));
            throw invalid;
        }
        DanmakuRequest danmaku = request.normalized();
        if (video.durationMs() > 0 && danmaku.progressMs() > video.durationMs() + DURATION_SLACK_MS) {
            throw ApiException.invalidField("progressMs", "超出了视频的长度");
        }
        limiter.hit("danmaku", uid, limiter.limits().danmaku());
        String content = words.filter("content", danmaku.content());
        List<String> mentioned = content.indexOf('@') < 0
                ? List.of()
                : mentions.resolve(content, uid).stream().map(String::valueOf).toList();
        long id = ids.nextId();
        Instant now = clock.instant();
        DanmakuView view = new DanmakuView(
                Long.toString(id),
                video.bvid(),
                Long.toString(uid),
                danmaku.progressMs(),
                danmaku.mode(),
                danmaku.color(),
                danmaku.size(),
                content,
                now);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO danmaku (id, video_id, uid, progress_ms, segment, mode, color, font_size, content, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(
                            id,
                            video.id(),
                            uid,
                            danmaku.progressMs(),
                            Segments.of(danmaku.progressMs()),
                            danmaku.mode(),
                            Integer.parseInt(danmaku.color().substring(1), 16),
                            danmaku.size(),
                            content,
                            Timestamp.from(now))
                    .update();
            counters.add(video.id(), Counter.DANMAKU, 1);
            events.publish(
                    InteractionEvents.TOPIC,
                    video.idText(),
                    new DanmakuPosted(
                            view.id(),
                            video.idText(),
                            video.bvid(),
                            view.uid(),
                            view.progressMs(),
                            view.mode(),
                            view.color(),
                            view.size(),
                            content,
                            mentioned));
        });
        return view;
    }

    private static String describe(List<ProblemField> problems) {
        return String.join(
                "; ", problems.stream().map(p -> p.field() + " " + p.message()).toList());
    }
}
