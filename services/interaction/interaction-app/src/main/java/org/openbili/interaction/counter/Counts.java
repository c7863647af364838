package org.openbili.interaction.counter;

import org.openbili.common.id.Bvid;
import org.openbili.interaction.api.VideoStats;

/** The counters of one video at one moment. */
public record Counts(long views, long likes, long coins, long favorites, long shares, long danmaku, long comments) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    public long get(Counter counter) {
        return switch (counter) {
            case VIEWS -> views;
            case LIKES -> likes;
            case COINS -> coins;
            case FAVORITES -> favorites;
            case SHARES -> shares;
            case DANMAKU -> danmaku;
            case COMMENTS -> comments;
        };
    }

    public Counts plus(Counter counter, long delta) {
        return new Counts(
                views + (counter == Counter.VIEWS ? delta : 0),
                likes + (counter == Counter.LIKES ? delta : 0),
                coins + (counter == Counter.COINS ? delta : 0),
                favorites + (counter == Counter.FAVORITES ? delta : 0),
                shares + (counter == Counter.SHARES ? delta : 0),
                danmaku + (counter == Counter.DANMAKU ? delta : 0),
                comments + (counter == Counter.COMMENTS ? delta : 0));
    }

    public VideoStats toStats(long videoId) {
        return new VideoStats(
                Long.toString(videoId),
                Bvid.encode(videoId),
                views,
                likes,
                coins,
                favorites,
                shares,
                danmaku,
                comments);
    }
}
