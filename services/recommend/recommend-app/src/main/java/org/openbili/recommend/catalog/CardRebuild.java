package org.openbili.recommend.catalog;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Redis holds nothing that cannot be made again: when the marker {@link RedisKeys#CARDS_BUILT} is missing (a new
 * Redis, or one that lost its data) every published video's card and fresh-list entries are written again from the
 * database. The hot lists are rebuilt the same way by the hot-list stream from its state.
 */
@Component
class CardRebuild {

    private static final Logger log = LoggerFactory.getLogger(CardRebuild.class);

    private final StringRedisTemplate redis;
    private final Catalog catalog;
    private final Cards cards;

    CardRebuild(StringRedisTemplate redis, Catalog catalog, Cards cards) {
        this.redis = redis;
        this.catalog = catalog;
        this.cards = cards;
    }

    @Scheduled(initialDelayString = "5s", fixedDelayString = "${openbili.recommend.cards.check-interval:30s}")
    void rebuildIfLost() {
        try {
            if (Boolean.TRUE.equals(redis.hasKey(RedisKeys.CARDS_BUILT))) {
                return;
            }
            AtomicInteger written = new AtomicInteger();
            catalog.eachPublished(video -> {
                cards.show(video, catalog.uploader(video.ownerUid()));
                written.incrementAndGet();
            });
            redis.opsForValue().set(RedisKeys.CARDS_BUILT, "1");
            if (written.get() > 0) {
                log.info("Wrote the cards of {} published videos to Redis, which had none", written.get());
            }
        } catch (DataAccessException e) {
            log.warn("Could not check or rebuild the cards in Redis: {}", e.toString());
        }
    }
}
