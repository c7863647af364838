package org.openbili.interaction.coin;

import java.time.Instant;
import java.util.List;
import org.openbili.common.id.Bvid;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.security.AuthUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Throwing coins, the balance and where it went. */
@RestController
class CoinController {

    private final Coins coins;
    private final Wallets wallets;
    private final Videos videos;
    private final JdbcClient jdbc;

    CoinController(Coins coins, Wallets wallets, Videos videos, JdbcClient jdbc) {
        this.coins = coins;
        this.wallets = wallets;
        this.videos = videos;
        this.jdbc = jdbc;
    }

    /** {@code {count: 1|2}} → how many coins I have now given this video, and my balance. */
    @PostMapping("/api/v1/videos/{bvid}/coins")
    CoinState give(@PathVariable String bvid, @RequestBody(required = false) CoinRequest request, AuthUser user) {
        CatalogVideo video = videos.require(bvid);
        if (request == null || request.count() == null) {
            throw ApiException.invalidField("count", "不能为空，须为 1 或 2");
        }
        int given = coins.give(user.uid(), video, request.count());
        return new CoinState(given, wallets.balance(user.uid()));
    }

    @GetMapping("/api/v1/me/coins")
    Balance balance(AuthUser user) {
        return new Balance(wallets.balance(user.uid()));
    }

    /** The ledger, newest first: every coin that came in or went out. */
    @GetMapping("/api/v1/me/coins/log")
    CursorPage<LedgerEntry> log(
            AuthUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        int limit = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        List<LedgerEntry> rows = jdbc.sql("""
                        SELECT id, delta, reason, video_id, created_at FROM coin_ledger
                        WHERE uid = :uid AND id < :before ORDER BY id DESC LIMIT :limit
                        """)
                .param("uid", user.uid())
                .param("before", after == null ? Long.MAX_VALUE : after[0])
                .param("limit", limit + 1)
                .query((rs, n) -> {
                    Number video = (Number) rs.getObject("video_id");
                    return new LedgerEntry(
                            Long.toString(rs.getLong("id")),
                            rs.getInt("delta"),
                            rs.getString("reason"),
                            video == null ? null : Bvid.encode(video.longValue()),
                            Instant.ofEpochMilli(rs.getLong("created_at")));
                })
                .list();
        return CursorPage.of(rows, limit, entry -> Cursor.encode(Long.parseLong(entry.id())));
    }

    record CoinRequest(Integer count) {}

    record CoinState(int coins, int balance) {}

    record Balance(int balance) {}

    /** {@code reason}: SIGN_UP, DAILY_SIGN_IN or VIDEO (then {@code bvid} names it). */
    record LedgerEntry(String id, int delta, String reason, String bvid, Instant createdAt) {}
}
