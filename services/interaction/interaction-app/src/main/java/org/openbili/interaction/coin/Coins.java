package org.openbili.interaction.coin;

import java.time.Clock;
import org.openbili.common.problem.ApiException;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.CoinsGiven;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** 投币: a user throws one or two coins at someone else's video, at most two per video in all. */
@Component
public class Coins {

    public static final int MAX_PER_VIDEO = 2;

    private final JdbcClient jdbc;
    private final Wallets wallets;
    private final VideoCounters counters;
    private final DomainEvents events;
    private final Clock clock;

    Coins(JdbcClient jdbc, Wallets wallets, VideoCounters counters, DomainEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.wallets = wallets;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    /** Throws {@code count} coins; answers how many this user has now given the video. */
    @Transactional
    public int give(long uid, CatalogVideo video, int count) {
        if (count != 1 && count != 2) {
            throw ApiException.invalidField("count", "须为 1 或 2");
        }
        if (video.ownerUid() == uid) {
            throw ApiException.badRequest("CANNOT_COIN_OWN_VIDEO", "不能给自己的视频投币");
        }
        long now = clock.millis();
        lockRow(uid, video.id());
        int raised = jdbc.sql("""
                        UPDATE video_coin SET coins = coins + ?, updated_at = ?
                        WHERE video_id = ? AND uid = ? AND coins + ? <= ?
                        """)
                .params(count, now, video.id(), uid, count, MAX_PER_VIDEO)
                .update();
        if (raised == 0) {
            int left = MAX_PER_VIDEO - given(uid, video.id());
            throw ApiException.badRequest(
                            "COIN_LIMIT_REACHED",
                            left <= 0 ? "每个视频最多投 2 枚硬币，你已经投满了" : "每个视频最多投 2 枚硬币，你还能投 " + left + " 枚")
                    .withField("count", "超过了这个视频还能投的硬币数");
        }
        if (!wallets.spend(uid, count, video.id())) {
            throw ApiException.badRequest("NOT_ENOUGH_COINS", "硬币不足").withField("count", "超过了你的硬币余额");
        }
        counters.add(video.id(), Counter.COINS, count);
        events.publish(
                InteractionEvents.TOPIC,
                video.idText(),
                new CoinsGiven(video.idText(), video.bvid(), Long.toString(uid), video.ownerText(), count));
        return given(uid, video.id());
    }

    /**
     * For 一键三连: brings this user's coins on the video up to two as far as the balance allows; a 400 only when
     * the video would end up with none of their coins.
     */
    @Transactional
    public int topUp(long uid, CatalogVideo video) {
        if (video.ownerUid() == uid) {
            throw ApiException.badRequest("CANNOT_COIN_OWN_VIDEO", "不能给自己的视频投币");
        }
        lockRow(uid, video.id());
        int existing = given(uid, video.id());
        int count = Math.min(MAX_PER_VIDEO - existing, wallets.balance(uid));
        if (count <= 0) {
            if (existing == 0) {
                throw ApiException.badRequest("NOT_ENOUGH_COINS", "硬币不足");
            }
            return existing;
        }
        return give(uid, video, count);
    }

    /** Locks this user's row for the video (creating it), before the wallet: always in this order. */
    private void lockRow(long uid, long videoId) {
        jdbc.sql("""
                        INSERT INTO video_coin (video_id, uid, coins, updated_at) VALUES (?, ?, 0, ?)
                        ON DUPLICATE KEY UPDATE coins = coins
                        """).params(videoId, uid, clock.millis()).update();
    }

    public int given(long uid, long videoId) {
        return jdbc.sql("SELECT coins FROM video_coin WHERE video_id = ? AND uid = ?")
                .params(videoId, uid)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }
}
