package org.openbili.recommend.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cards of published videos in Redis, and the lists by publication time (all, per partition, per tag) that
 * the fresh half of every blend reads. Reads never touch the database: a video whose card is gone (deleted,
 * unpublished) simply drops out of every list that still names it.
 */
@Component
public class Cards {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] CARD = bytes("card");

    /** HMGET of the fields in ARGV of every key, in order. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of("""
            local all = {}
            for i = 1, #KEYS do all[i] = redis.call('HMGET', KEYS[i], unpack(ARGV)) end
            return all
            """, List.class);

    private final StringRedisTemplate redis;
    private final PartitionTree partitions;

    Cards(StringRedisTemplate redis, PartitionTree partitions) {
        this.redis = redis;
        this.partitions = partitions;
    }

    /** Shows a published video in the lists (again), its card as of now. */
    void show(CatalogVideo video, VideoCard.Uploader uploader) {
        VideoCard card = new VideoCard(
                video.bvid(),
                video.title(),
                video.coverUrl(),
                video.durationMs(),
                video.partition(),
                video.tags(),
                uploader,
                new VideoCard.Stats(0, 0),
                video.publishedAt());
        String json = JSON.writeValueAsString(card);
        double at = video.publishedAt().toEpochMilli();
        String id = Long.toString(video.id());
        redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.hashCommands().hSet(bytes(RedisKeys.video(video.id())), CARD, bytes(json));
            for (String key : freshKeys(video)) {
                connection.zSetCommands().zAdd(bytes(key), at, bytes(id));
            }
            return null;
        });
    }

    /** Takes a video out of every list it is in: its card, and the fresh, tag and hot lists. */
    void hide(CatalogVideo video) {
        List<String> hotKeys = new ArrayList<>();
        for (String window : RedisKeys.WINDOWS) {
            hotKeys.add(RedisKeys.hot(window, RedisKeys.ALL));
            partitions.withParent(video.partition()).forEach(scope -> hotKeys.add(RedisKeys.hot(window, scope)));
        }
        String id = Long.toString(video.id());
        redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.keyCommands().del(bytes(RedisKeys.video(video.id())));
            for (String key : freshKeys(video)) {
                connection.zSetCommands().zRem(bytes(key), bytes(id));
            }
            for (String key : hotKeys) {
                connection.zSetCommands().zRem(bytes(key), bytes(id));
            }
            return null;
        });
    }

    private List<String> freshKeys(CatalogVideo video) {
        List<String> keys = new ArrayList<>();
        keys.add(RedisKeys.fresh(RedisKeys.ALL));
        partitions.withParent(video.partition()).forEach(scope -> keys.add(RedisKeys.fresh(scope)));
        video.tags().forEach(tag -> keys.add(RedisKeys.tag(tag)));
        return keys;
    }

    /**
     * The cards of {@code ids} in their order, leaving out those that are not (or no longer) published: one script
     * call on the shared connection (a pipeline would open a connection of its own for every read).
     */
    public List<Listed> read(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(RedisKeys.video(id)));
        List<?> answers = redis.execute(READ, keys, "card", "views", "danmaku");
        List<Listed> cards = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            List<?> fields = (List<?>) answers.get(i);
            if (fields == null || fields.get(0) == null) {
                continue;
            }
            VideoCard card = JSON.readValue((String) fields.get(0), VideoCard.class)
                    .withStats(number(fields.get(1)), number(fields.get(2)));
            cards.add(new Listed(ids.get(i), card));
        }
        return cards;
    }

    /** A card with the id it is listed under. */
    public record Listed(long id, VideoCard card) {}

    private static long number(Object value) {
        return value == null ? 0 : Long.parseLong((String) value);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs commands on one connection, for writers that batch many (the hot-list stream). */
    public void pipelined(Consumer<RedisConnection> commands) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            commands.accept(connection);
            return null;
        });
    }
}
