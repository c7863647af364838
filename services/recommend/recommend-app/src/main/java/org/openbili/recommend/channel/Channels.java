package org.openbili.recommend.channel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.openbili.recommend.catalog.Catalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channels (频道) are topics made from tags: a channel is every published video carrying its name as a tag. The
 * editors' channels of the migration come first while counts are equal; any tag that videos carry is a channel too.
 * Counts are real: videos from the catalogue, subscribers from the subscriptions.
 */
@Component
class Channels {

    /** How many channels the list shows, and how many of the most used tags it considers. */
    static final int LISTED = 40;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Clock clock;

    Channels(JdbcClient jdbc, Catalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The popular channels: most subscribers and videos first; among equals the editors' order, then by name. */
    List<Channel> popular() {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT name, description, position, subscribers FROM channel")
                .query((rs, n) -> rows.put(
                        rs.getString("name"),
                        new Row(
                                rs.getString("name"),
                                rs.getString("description"),
                                rs.getInt("position"),
                                rs.getLong("subscribers"))))
                .list();
        Map<String, Long> videos = new HashMap<>();
        catalog.tagCounts(rows.keySet()).forEach(t -> videos.put(t.tag(), t.videos()));
        for (Catalog.TagCount tag : catalog.popularTags(LISTED)) {
            videos.put(tag.tag(), tag.videos());
            rows.putIfAbsent(tag.tag(), new Row(tag.tag(), "", Integer.MAX_VALUE, 0));
        }
        List<Channel> channels = new ArrayList<>();
        for (Row row : rows.values()) {
            channels.add(
                    new Channel(row.name(), row.description(), row.subscribers(), videos.getOrDefault(row.name(), 0L)));
        }
        Map<String, Integer> position = new HashMap<>();
        rows.values().forEach(r -> position.put(r.name(), r.position()));
        channels.sort(Comparator.comparingLong((Channel c) -> -(c.subscribers() + c.videos()))
                .thenComparing(c -> position.get(c.name()))
                .thenComparing(Channel::name));
        return channels.subList(0, Math.min(LISTED, channels.size()));
    }

    /** One channel, or a 404 when it is neither an editors' channel nor a tag of any published video. */
    Channel get(String name) {
        Optional<Row> row = row(name);
        long videos = catalog.taggedCount(name);
        if (row.isEmpty() && videos == 0) {
            throw ApiException.notFound("CHANNEL_NOT_FOUND", "没有这个频道：" + name);
        }
        return new Channel(
                name,
                row.map(Row::description).orElse(""),
                row.map(Row::subscribers).orElse(0L),
                videos);
    }

    boolean subscribed(String name, long uid) {
        return jdbc.sql("SELECT COUNT(*) FROM channel_subscription WHERE channel = ? AND uid = ?")
                        .params(name, uid)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Subscribes or unsubscribes (idempotent); the channel row is made for a tag's first subscriber. */
    @Transactional
    Channel subscribe(String name, long uid, boolean subscribe) {
        get(name);
        jdbc.sql("INSERT IGNORE INTO channel (name, description, position, subscribers) VALUES (?, '', ?, 0)")
                .params(name, Integer.MAX_VALUE)
                .update();
        int changed = subscribe
                ? jdbc.sql("INSERT IGNORE INTO channel_subscription (channel, uid, created_at) VALUES (?, ?, ?)")
                        .params(name, uid, clock.millis())
                        .update()
                : jdbc.sql("DELETE FROM channel_subscription WHERE channel = ? AND uid = ?")
                        .params(name, uid)
                        .update();
        if (changed > 0) {
            jdbc.sql("UPDATE channel SET subscribers = subscribers + ? WHERE name = ?")
                    .params(subscribe ? 1 : -1, name)
                    .update();
        }
        return get(name);
    }

    private Optional<Row> row(String name) {
        return jdbc.sql("SELECT name, description, position, subscribers FROM channel WHERE name = ?")
                .param(name)
                .query((rs, n) -> new Row(
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getInt("position"),
                        rs.getLong("subscribers")))
                .optional();
    }

    /** A channel as the list shows it. */
    record Channel(String name, String description, long subscribers, long videos) {}

    private record Row(String name, String description, int position, long subscribers) {}
}
