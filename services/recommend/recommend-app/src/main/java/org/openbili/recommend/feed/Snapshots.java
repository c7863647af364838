package org.openbili.recommend.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.recommend.catalog.Cards;
import org.openbili.recommend.catalog.RedisKeys;
import org.openbili.recommend.catalog.VideoCard;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Feeds are computed once and paged from a frozen copy in Redis (for {@link #TTL}): a reader's pages never repeat
 * or skip a video because scores moved between two requests. The cursor is the copy's id and an offset; a copy that
 * expired is computed again under the same id. Each step is one script call on the shared connection.
 */
@Component
public class Snapshots {

    static final Duration TTL = Duration.ofHours(1);
    private static final long MAX_OFFSET = 10_000;

    /** {1, LRANGE KEYS[1] ARGV[1] ARGV[2]}, or {0} when there is no such copy (past the end of one is {1, {}}). */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RANGE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            return {1, redis.call('LRANGE', KEYS[1], ARGV[1], ARGV[2])}
            """, List.class);

    /**
     * Keeps ARGV[2..] as the copy KEYS[1] for ARGV[1] ms (1) unless there is one already (0): the first one stays,
     * and nobody reads a copy half written.
     */
    private static final RedisScript<Long> SAVE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            for i = 2, #ARGV, 1000 do
                redis.call('RPUSH', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Cards cards;

    Snapshots(StringRedisTemplate redis, Cards cards) {
        this.redis = redis;
        this.cards = cards;
    }

    /** A fresh id for a reader's own copy. */
    static long newId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /**
     * One page of the copy {@code kind}/{@code id}, which {@code compute} makes when it does not exist (yet, or any
     * more). Several readers of a shared copy (same kind and id) may race to make it; the first one stays, and every
     * reader pages that one.
     */
    public CursorPage<VideoCard> page(String kind, long id, int offset, int size, Supplier<List<Long>> compute) {
        String key = RedisKeys.snapshot(kind, id);
        List<?> answer = redis.execute(RANGE, List.of(key), Integer.toString(offset), Integer.toString(offset + size));
        if (((Number) answer.get(0)).longValue() == 1) {
            List<?> stored = (List<?>) answer.get(1);
            List<Long> ids = new ArrayList<>(stored.size());
            stored.forEach(value -> ids.add(Long.parseLong(value.toString())));
            return shown(id, ids, offset, size);
        }
        List<Long> computed = compute.get();
        if (!save(kind, id, computed)) {
            return page(kind, id, offset, size, List::of);
        }
        return shown(id, computed.subList(Math.min(offset, computed.size()), computed.size()), offset, size);
    }

    /**
     * Keeps {@code ids} as the copy {@code kind}/{@code id} unless there is one already; true when this one was kept.
     * An empty feed keeps no copy: it is computed again, cheaply, when asked again.
     */
    boolean save(String kind, long id, List<Long> ids) {
        if (ids.isEmpty()) {
            return true;
        }
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(Long.toString(TTL.toMillis()));
        ids.forEach(video -> args.add(Long.toString(video)));
        Long saved = redis.execute(SAVE, List.of(RedisKeys.snapshot(kind, id)), args.toArray());
        return saved != null && saved == 1;
    }

    /** The page of copy {@code id} at {@code offset}, of {@code from} (the copy's ids from there on, or more). */
    CursorPage<VideoCard> shown(long id, List<Long> from, int offset, int size) {
        boolean more = from.size() > size;
        List<VideoCard> items = cards.read(from.subList(0, Math.min(size, from.size()))).stream()
                .map(Cards.Listed::card)
                .toList();
        return new CursorPage<>(items, more ? Cursor.encode(id, offset + size) : null);
    }

    /** The copy id and offset of a cursor this class handed out; a first page is a new copy. */
    public static long[] position(String cursor, Supplier<Long> firstId) {
        long[] position = Cursor.decode(cursor, 2);
        if (position == null) {
            return new long[] {firstId.get(), 0};
        }
        if (position[1] < 0 || position[1] > MAX_OFFSET) {
            throw ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this list handed out.")
                    .withField("cursor", "is not valid");
        }
        return position;
    }
}
