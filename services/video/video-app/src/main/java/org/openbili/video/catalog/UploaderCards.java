package org.openbili.video.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbili.user.api.UserCard;
import org.openbili.user.api.UserClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Uploader cards (nickname, avatar) for a page of videos: from this instance's memory, and the uploaders it does not
 * hold from one call to the user service. A card leaves memory when the user's ProfileUpdated event arrives
 * ({@link CacheEvictions}; until those events reach this instance it keeps nothing), or after {@link #LONGEST}: a
 * missed event, or a change racing the call that fetched the card. When the user service cannot answer, videos still
 * show, with the uid and the default avatar (not kept).
 */
@Component
class UploaderCards {

    static final String DEFAULT_AVATAR = "/media/avatars/default.png";
    static final Duration LONGEST = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(UploaderCards.class);
    private static final int MAX_PER_CALL = 100;

    private final UserClient users;
    private final Cache<Long, UserCard> known =
            Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(LONGEST).build();
    private volatile boolean keeping;

    UploaderCards(UserClient users) {
        this.users = users;
    }

    Map<Long, UserCard> of(Collection<Long> uids) {
        Map<Long, UserCard> cards = new HashMap<>(known.getAllPresent(uids));
        List<String> wanted = uids.stream()
                .filter(uid -> !cards.containsKey(uid))
                .distinct()
                .map(String::valueOf)
                .toList();
        try {
            for (int i = 0; i < wanted.size(); i += MAX_PER_CALL) {
                for (UserCard card : users.cards(wanted.subList(i, Math.min(wanted.size(), i + MAX_PER_CALL)))) {
                    long uid = Long.parseLong(card.uid());
                    cards.put(uid, card);
                    if (keeping) {
                        known.put(uid, card);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("User cards unavailable ({}); showing uids only", e.toString());
        }
        for (Long uid : uids) {
            cards.computeIfAbsent(uid, u -> new UserCard(Long.toString(u), null, DEFAULT_AVATAR));
        }
        return cards;
    }

    void evict(long uid) {
        known.invalidate(uid);
    }

    boolean keeping() {
        return keeping;
    }

    /** Whether cards are kept: only while the user service's events reach this instance. */
    void keep(boolean keep) {
        keeping = keep;
        if (!keep) {
            known.invalidateAll();
        }
    }
}
