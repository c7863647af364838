package org.openbili.message.dynamic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openbili.events.EventEnvelope;
import org.openbili.message.api.DynamicPosted;
import org.openbili.message.api.MessageEvents;
import org.openbili.message.users.FollowGraph;
import org.openbili.user.api.FollowerIds;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Puts a new dynamic where its author's followers read it: always at the top of the author's timeline; then, for an
 * author with at most {@code pushThreshold} followers, into each follower's inbox (and the author's own), page by
 * page of followers (push). An author with more is marked pulled instead, for good, and their followers' feeds read
 * their timeline when they are read (pull): one write instead of one per follower. Every step is idempotent, so a
 * redelivered event only repeats it. Timed as {@code feed.fanout} by mode, with the inboxes written.
 */
@Component
class FanOut {

    private final Timelines timelines;
    private final FollowGraph graph;
    private final FeedProperties properties;
    private final Clock clock;
    private final Timer pushTimer;
    private final Timer pullTimer;
    private final Counter inboxes;

    FanOut(Timelines timelines, FollowGraph graph, FeedProperties properties, Clock clock, MeterRegistry metrics) {
        this.timelines = timelines;
        this.graph = graph;
        this.properties = properties;
        this.clock = clock;
        this.pushTimer = Timer.builder("feed.fanout")
                .description("putting one new dynamic where followers read it")
                .tag("mode", "push")
                .register(metrics);
        this.pullTimer = Timer.builder("feed.fanout")
                .description("putting one new dynamic where followers read it")
                .tag("mode", "pull")
                .register(metrics);
        this.inboxes = Counter.builder("feed.fanout.inboxes")
                .description("inboxes a new dynamic was pushed into")
                .register(metrics);
    }

    @KafkaListener(topics = MessageEvents.TOPIC, groupId = "${spring.application.name}.feed")
    void on(EventEnvelope event) {
        if (event.is(DynamicPosted.class)) {
            DynamicPosted posted = event.payloadAs(DynamicPosted.class);
            spread(Long.parseLong(posted.authorUid()), Long.parseLong(posted.dynamicId()));
        }
    }

    void spread(long author, long id) {
        long started = System.nanoTime();
        timelines.addToTimeline(author, id);
        if (timelines.isPulled(author)) {
            pullTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return;
        }
        FollowerIds page = graph.followers(author, null, properties.fanOutPage());
        if (page.total() > properties.pushThreshold()) {
            timelines.markPulled(author, clock.millis());
            pullTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return;
        }
        List<Long> first = new ArrayList<>(uids(page));
        first.add(author);
        timelines.push(first, id);
        long pushed = first.size();
        while (page.nextCursor() != null) {
            page = graph.followers(author, page.nextCursor(), properties.fanOutPage());
            List<Long> more = uids(page);
            timelines.push(more, id);
            pushed += more.size();
        }
        inboxes.increment(pushed);
        pushTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static List<Long> uids(FollowerIds page) {
        return page.uids().stream().map(Long::valueOf).toList();
    }
}
