package org.openbili.auth.wechat;

import java.time.Clock;
import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which account a WeChat identity signs in to. One identity per account, one account per identity. */
@Repository
class WeChatBindings {

    private final JdbcClient jdbc;
    private final Clock clock;

    WeChatBindings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The bound account: by openid, else by unionid (the same person in a sibling app of the same company). */
    Optional<Long> accountOf(WeChatClient.WeChatSession session) {
        Optional<Long> byOpenid = jdbc.sql("SELECT uid FROM auth_wechat_binding WHERE openid = :openid")
                .param("openid", session.openid())
                .query(Long.class)
                .optional();
        if (byOpenid.isPresent() || session.unionid() == null) {
            return byOpenid;
        }
        return jdbc.sql("SELECT uid FROM auth_wechat_binding WHERE unionid = :unionid")
                .param("unionid", session.unionid())
                .query(Long.class)
                .optional();
    }

    void bind(WeChatClient.WeChatSession session, long uid) {
        boolean accountBound = jdbc.sql("SELECT COUNT(*) FROM auth_wechat_binding WHERE uid = :uid")
                        .param("uid", uid)
                        .query(Integer.class)
                        .single()
                > 0;
        if (accountBound) {
            throw ApiException.conflict("ACCOUNT_ALREADY_BOUND", "这个账号已经绑定了微信。");
        }
        try {
            jdbc.sql("""
                            INSERT INTO auth_wechat_binding (openid, unionid, uid, created_at)
                            VALUES (:openid, :unionid, :uid, :now)
                            """)
                    .param("openid", session.openid())
                    .param("unionid", session.unionid())
                    .param("uid", uid)
                    .param("now", clock.millis())
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("WECHAT_ALREADY_BOUND", "这个微信已经绑定了其他账号。");
        }
    }
}
