package org.openbili.recommend.catalog;

import java.util.List;

/**
 * The names of what discovery keeps in Redis. Lists are sorted sets of video ids; {@code scope} is {@code all} or a
 * partition slug.
 */
public final class RedisKeys {

    public static final String ALL = "all";

    /** The windows hot scores are kept over: the last day, three days, week. */
    public static final List<String> WINDOWS = List.of("day", "3day", "week");

    private RedisKeys() {}

    /** A hash: {@code card} (the card's JSON), {@code views} and {@code danmaku} (from the hot-list stream). */
    public static String video(long id) {
        return "rec:video:" + id;
    }

    /** Published videos by publication time. */
    public static String fresh(String scope) {
        return "rec:fresh:" + scope;
    }

    /** Published videos with the tag, by publication time. */
    public static String tag(String tag) {
        return "rec:tag:" + tag;
    }

    /** Videos by hot score over a window ({@code day}, {@code 3day}, {@code week}). */
    public static String hot(String window, String scope) {
        return "rec:hot:" + window + ":" + scope;
    }

    /** A list frozen for paging (a feed as it was computed for one reader or one moment). */
    public static String snapshot(String kind, long id) {
        return "rec:snap:" + kind + ":" + id;
    }

    /** A counter of a user's changes of signals and follows: a feed computed for them is reused while it stands. */
    public static String signalChanges(long uid) {
        return "rec:changes:" + uid;
    }

    /** Set once every card of the catalogue is in Redis; its absence (Redis lost its data) starts a rebuild. */
    public static final String CARDS_BUILT = "rec:cards:built";
}
