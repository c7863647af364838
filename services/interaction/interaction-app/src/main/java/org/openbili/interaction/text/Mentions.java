package org.openbili.interaction.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbili.interaction.user.UserCards;
import org.springframework.stereotype.Component;

/** Turns "@昵称" in a comment or a danmaku into the uids of the users so named, for their @我的 notifications. */
@Component
public class Mentions {

    public static final int MAX_MENTIONS = 10;
    /** A nickname runs from "@" to the first space or punctuation mark, as Bilibili cuts them. */
    private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_\\-]{1,32})");

    private final UserCards users;

    public Mentions(UserCards users) {
        this.users = users;
    }

    /** The users {@code text} mentions, in order of first mention, at most {@value #MAX_MENTIONS}, not the author. */
    public List<Long> resolve(String text, long author) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find() && names.size() < MAX_MENTIONS * 2) {
            names.add(m.group(1));
        }
        Map<String, Long> uids = users.uidsByNickname(names);
        List<Long> mentioned = new ArrayList<>();
        for (String name : names) {
            Long uid = uids.get(name);
            if (uid != null && uid != author && !mentioned.contains(uid) && mentioned.size() < MAX_MENTIONS) {
                mentioned.add(uid);
            }
        }
        return mentioned;
    }
}
