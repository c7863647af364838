package org.openbili.interaction.user;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Names and faces from interaction's copy of the users, fed by the user service's events. */
@Component
public class UserCards {

    private final JdbcClient jdbc;

    UserCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A card for every uid asked for; users not (yet) known get a card without a name. */
    public Map<Long, UserCard> cards(Collection<Long> uids) {
        Map<Long, UserCard> cards = new HashMap<>();
        if (uids.isEmpty()) {
            return cards;
        }
        jdbc.sql("SELECT uid, nickname, avatar_url FROM user_card WHERE uid IN (:uids)")
                .param("uids", Set.copyOf(uids))
                .query((rs, n) -> cards.put(
                        rs.getLong("uid"),
                        new UserCard(
                                Long.toString(rs.getLong("uid")),
                                rs.getString("nickname"),
                                rs.getString("avatar_url"))))
                .list();
        uids.forEach(uid -> cards.computeIfAbsent(uid, UserCard::unknown));
        return cards;
    }

    /** The users called exactly {@code nickname}s; a name that several users share resolves to none of them. */
    public Map<String, Long> uidsByNickname(Collection<String> nicknames) {
        Map<String, Long> found = new HashMap<>();
        if (nicknames.isEmpty()) {
            return found;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Object[]> rows = jdbc.sql("SELECT nickname, uid FROM user_card WHERE nickname IN (:names)")
                .param("names", Set.copyOf(nicknames))
                .query((rs, n) -> new Object[] {rs.getString("nickname"), rs.getLong("uid")})
                .list();
        for (Object[] row : rows) {
            String name = (String) row[0];
            // The database may compare names without regard to case; an @mention must match exactly.
            if (nicknames.contains(name)) {
                seen.merge(name, 1, Integer::sum);
                found.put(name, (Long) row[1]);
            }
        }
        seen.forEach((name, count) -> {
            if (count > 1) {
                found.remove(name);
            }
        });
        return found;
    }
}
