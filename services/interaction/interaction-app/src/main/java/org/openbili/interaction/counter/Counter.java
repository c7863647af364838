package org.openbili.interaction.counter;

import java.util.Locale;

/** The public counters of a video; each name is both its column in video_stats and its field in Redis. */
public enum Counter {
    VIEWS,
    LIKES,
    COINS,
    FAVORITES,
    SHARES,
    DANMAKU,
    COMMENTS;

    private final String field = name().toLowerCase(Locale.ROOT);

    public String field() {
        return field;
    }

    static Counter ofField(String field) {
        return valueOf(field.toUpperCase(Locale.ROOT));
    }
}
