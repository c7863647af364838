package org.openbili.message.users;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.openbili.common.problem.ApiException;
import org.openbili.user.api.UserCard;
import org.openbili.user.api.UserClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names and faces of the people on a page (actors of notifications, peers, authors), from the user service in one
 * batched call, kept in Redis for a while so a busy list does not ask for the same cards on every read; a
 * {@code ProfileUpdated} evicts the user's card. When the user service cannot answer, pages still show, with the
 * uid and the default avatar.
 */
@Component
public class UserCards {

    static final String DEFAULT_AVATAR = "/media/avatars/default.png";
    private static final Logger log = LoggerFactory.getLogger(UserCards.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "message:card:";
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final int MAX_PER_CALL = 100;

    private final UserClient users;
    private final StringRedisTemplate redis;

    UserCards(UserClient users, StringRedisTemplate redis) {
        this.users = users;
        this.redis = redis;
    }

    /** A card for each uid asked for; unknown users (or all, when the user service is away) get a bare one. */
    public Map<Long, UserCard> of(Collection<Long> uids) {
        List<Long> wanted = List.copyOf(new LinkedHashSet<>(uids));
        Map<Long, UserCard> cards = new HashMap<>();
        List<Long> missing = new ArrayList<>(cached(wanted, cards));
        if (!missing.isEmpty()) {
            fetch(missing, cards);
        }
        for (Long uid : wanted) {
            cards.computeIfAbsent(uid, UserCards::bare);
        }
        return cards;
    }

    public UserCard of(long uid) {
        return of(List.of(uid)).get(uid);
    }

    /** Whether the user service knows this user; a 503 problem when it cannot be asked. */
    public boolean exists(long uid) {
        Map<Long, UserCard> found = new HashMap<>();
        if (cached(List.of(uid), found).isEmpty()) {
            return true;
        }
        try {
            return !users.cards(List.of(Long.toString(uid))).isEmpty();
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "USERS_UNAVAILABLE", "用户信息暂时读不到，请稍后再试");
        }
    }

    /** Forgets a card, after its user changed their name or face. */
    public void evict(long uid) {
        try {
            redis.delete(KEY + uid);
        } catch (DataAccessException redisAway) {
            // it expires
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static UserCard bare(long uid) {
        return new UserCard(Long.toString(uid), null, DEFAULT_AVATAR);
    }

    /** Puts the cached cards into {@code cards}; answers the uids that were not cached. */
    private List<Long> cached(List<Long> wanted, Map<Long, UserCard> cards) {
        List<String> values;
        try {
            values = redis.opsForValue()
                    .multiGet(wanted.stream().map(uid -> KEY + uid).toList());
        } catch (DataAccessException redisAway) {
            return wanted;
        }
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String value = values == null ? null : values.get(i);
            if (value == null) {
                missing.add(wanted.get(i));
            } else {
                cards.put(wanted.get(i), JSON.readValue(value, UserCard.class));
            }
        }
        return missing;
    }

    private void fetch(List<Long> missing, Map<Long, UserCard> cards) {
        Map<String, String> fresh = new HashMap<>();
        try {
            for (int i = 0; i < missing.size(); i += MAX_PER_CALL) {
                List<String> batch = missing.subList(i, Math.min(missing.size(), i + MAX_PER_CALL)).stream()
                        .map(String::valueOf)
                        .toList();
                for (UserCard card : users.cards(batch)) {
                    cards.put(Long.parseLong(card.uid()), card);
                    fresh.put(KEY + card.uid(), JSON.writeValueAsString(card));
                }
            }
        } catch (RuntimeException e) {
            log.warn("User cards unavailable ({}); showing uids only", e.toString());
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                fresh.forEach(
                        (key, value) -> connection.stringCommands().setEx(bytes(key), KEEP.toSeconds(), bytes(value)));
                return null;
            });
        } catch (DataAccessException redisAway) {
            // asked again next time
        }
    }
}
