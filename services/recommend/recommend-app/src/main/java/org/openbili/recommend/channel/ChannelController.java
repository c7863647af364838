package org.openbili.recommend.channel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.catalog.VideoCard;
import org.openbili.recommend.feed.Lists;
import org.openbili.recommend.feed.Snapshots;
import org.openbili.security.AuthUser;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Channels (频道): the popular ones, one channel with its videos (hot and new in turn), subscriptions. */
@RestController
class ChannelController {

    private static final int MAX_NAME = 40;
    private static final int DEPTH = 150;

    private final Channels channels;
    private final Snapshots snapshots;
    private final Lists lists;
    private final StringRedisTemplate redis;
    private final Clock clock;

    ChannelController(Channels channels, Snapshots snapshots, Lists lists, StringRedisTemplate redis, Clock clock) {
        this.channels = channels;
        this.snapshots = snapshots;
        this.lists = lists;
        this.redis = redis;
        this.clock = clock;
    }

    @GetMapping("/api/v1/channels")
    List<Channels.Channel> channels() {
        return channels.popular();
    }

    @GetMapping("/api/v1/channels/{name}")
    ChannelView channel(@PathVariable String name, Optional<AuthUser> user) {
        Channels.Channel channel = channels.get(checked(name));
        return ChannelView.of(
                channel, user.map(u -> channels.subscribed(name, u.uid())).orElse(false));
    }

    @GetMapping("/api/v1/channels/{name}/videos")
    CursorPage<VideoCard> videos(
            @PathVariable String name,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        channels.get(checked(name));
        int pageSize = Cursor.size(size);
        long[] at = Snapshots.position(cursor, () -> clock.millis() / 30_000);
        return snapshots.page("c:" + name, at[0], (int) at[1], pageSize, () -> hotAndNew(name));
    }

    @PutMapping("/api/v1/channels/{name}/subscription")
    ChannelView subscribe(@PathVariable String name, AuthUser user) {
        return ChannelView.of(channels.subscribe(checked(name), user.uid(), true), true);
    }

    @DeleteMapping("/api/v1/channels/{name}/subscription")
    ChannelView unsubscribe(@PathVariable String name, AuthUser user) {
        return ChannelView.of(channels.subscribe(checked(name), user.uid(), false), false);
    }

    /** The channel's newest videos and, in turn, the hottest of them this week. */
    private List<Long> hotAndNew(String name) {
        List<Long> fresh = lists.range(RedisKeys.tag(name), 0, DEPTH);
        List<Long> hot = new ArrayList<>();
        if (!fresh.isEmpty()) {
            List<Double> scores = redis.opsForZSet()
                    .score(
                            RedisKeys.hot("week", RedisKeys.ALL),
                            fresh.stream().map(String::valueOf).toArray());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                if (scores != null && scores.get(i) != null) {
                    order.add(i);
                }
            }
            order.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
            order.forEach(i -> hot.add(fresh.get(i)));
        }
        return Lists.interleave(List.of(hot, fresh));
    }

    private static String checked(String name) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.notFound("CHANNEL_NOT_FOUND", "没有这个频道：" + name);
        }
        return name;
    }

    /** A channel, and whether the signed-in reader subscribes to it (false for guests). */
    record ChannelView(String name, String description, long subscribers, long videos, boolean subscribed) {

        static ChannelView of(Channels.Channel channel, boolean subscribed) {
            return new ChannelView(
                    channel.name(), channel.description(), channel.subscribers(), channel.videos(), subscribed);
        }
    }
}
