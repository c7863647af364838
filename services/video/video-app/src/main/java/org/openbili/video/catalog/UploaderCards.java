package org.openbili.video.catalog;

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
 * Uploader cards for a page of videos in one call to the user service. When it cannot answer, videos still
 * show, with the uid and the default avatar.
 */
@Component
class UploaderCards {

    static final String DEFAULT_AVATAR = "/media/avatars/default.png";
    private static final Logger log = LoggerFactory.getLogger(UploaderCards.class);
    private static final int MAX_PER_CALL = 100;

    private final UserClient users;

    UploaderCards(UserClient users) {
        this.users = users;
    }

    Map<Long, UserCard> of(Collection<Long> uids) {
        Map<Long, UserCard> cards = new HashMap<>();
        List<String> wanted = uids.stream().distinct().map(String::valueOf).toList();
        try {
            for (int i = 0; i < wanted.size(); i += MAX_PER_CALL) {
                for (UserCard card : users.cards(wanted.subList(i, Math.min(wanted.size(), i + MAX_PER_CALL)))) {
                    cards.put(Long.parseLong(card.uid()), card);
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
}
