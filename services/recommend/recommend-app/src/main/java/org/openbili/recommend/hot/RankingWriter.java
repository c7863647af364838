package org.openbili.recommend.hot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openbili.recommend.catalog.Cards;
import org.openbili.recommend.catalog.PartitionTree;
import org.openbili.recommend.catalog.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.stereotype.Component;

/**
 * Writes hot scores into the sorted sets {@code rec:hot:<window>:<scope>} (all videos, the video's partition and
 * the one above it), drops a video from them when it has nothing in the window or is no longer listed, and sets the
 * counts on its card. Scores are absolute, so writing one twice (a replay after a crash) changes nothing.
 */
@Component
class RankingWriter {

    private static final Logger log = LoggerFactory.getLogger(RankingWriter.class);
    /** The counts go onto a card that exists; a video without one (never published, or deleted) gets none. */
    private static final byte[] SET_COUNTS = bytes("""
            if redis.call('HEXISTS', KEYS[1], 'card') == 1 then
              redis.call('HSET', KEYS[1], 'views', ARGV[1], 'danmaku', ARGV[2])
            end
            return 0
            """);

    private final Cards cards;
    private final PartitionTree partitions;

    RankingWriter(Cards cards, PartitionTree partitions) {
        this.cards = cards;
        this.partitions = partitions;
    }

    record Update(long video, VideoHeat heat, List<HotScore.Bucket> buckets, long now) {}

    /** True when Redis took every write; false (and logged) when it could not be reached, to try again later. */
    boolean write(List<Update> updates) {
        try {
            cards.pipelined(connection -> {
                for (Update update : updates) {
                    byte[] member = bytes(Long.toString(update.video()));
                    VideoHeat heat = update.heat();
                    for (HotScore.Window window : HotScore.Window.values()) {
                        double engagement = HotScore.engagement(window, update.buckets(), update.now());
                        boolean listed = heat.alive() && engagement > 0;
                        double score = HotScore.score(window, engagement, heat.publishedAt(), update.now());
                        for (String key : keys(window, heat.partition())) {
                            if (listed) {
                                connection.zSetCommands().zAdd(bytes(key), score, member);
                            } else {
                                connection.zSetCommands().zRem(bytes(key), member);
                            }
                        }
                        if (heat.leftPartition() != null) {
                            for (String scope : partitions.withParent(heat.leftPartition())) {
                                connection.zSetCommands().zRem(bytes(RedisKeys.hot(window.slug(), scope)), member);
                            }
                        }
                    }
                    if (heat.alive()) {
                        connection
                                .scriptingCommands()
                                .eval(
                                        SET_COUNTS,
                                        ReturnType.INTEGER,
                                        1,
                                        bytes(RedisKeys.video(update.video())),
                                        bytes(Long.toString(heat.views())),
                                        bytes(Long.toString(heat.danmaku())));
                    }
                }
            });
            return true;
        } catch (DataAccessException e) {
            log.warn("Hot lists not written to Redis, trying again in a second: {}", e.toString());
            return false;
        }
    }

    private List<String> keys(HotScore.Window window, String partition) {
        List<String> keys = new ArrayList<>(3);
        keys.add(RedisKeys.hot(window.slug(), RedisKeys.ALL));
        for (String scope : partitions.withParent(partition)) {
            keys.add(RedisKeys.hot(window.slug(), scope));
        }
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
