package org.openbili.auth.wechat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Short-lived proofs that the holder signed in with a WeChat identity no account is bound to yet, to register
 * or bind with. Kept in Redis for 10 minutes. A ticket is spent by the registration or binding it served; a
 * failed attempt (a taken nickname, say) leaves it usable, and the binding's own uniqueness stops two uses
 * racing each other.
 */
@Component
class RegistrationTickets {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String PREFIX = "auth:wechat-ticket:";

    private final StringRedisTemplate redis;
    private final SecureRandom random = new SecureRandom();

    RegistrationTickets(StringRedisTemplate redis) {
        this.redis = redis;
    }

    String issue(WeChatClient.WeChatSession session) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String value = session.openid() + "\n" + (session.unionid() == null ? "" : session.unionid());
        redis.opsForValue().set(PREFIX + ticket, value, LIFETIME);
        return ticket;
    }

    /** The WeChat identity of a live ticket, or a 400 naming the field. */
    WeChatClient.WeChatSession read(String ticket) {
        String value = ticket == null || ticket.isBlank() || ticket.length() > 100
                ? null
                : redis.opsForValue().get(PREFIX + ticket);
        return Optional.ofNullable(value)
                .map(v -> {
                    String[] parts = v.split("\n", -1);
                    return new WeChatClient.WeChatSession(parts[0], parts[1].isEmpty() ? null : parts[1]);
                })
                .orElseThrow(() -> ApiException.badRequest("INVALID_REGISTRATION_TICKET", "注册凭证无效、已使用或已过期，请重新微信登录。")
                        .withField("registrationTicket", "无效、已使用或已过期"));
    }

    void spend(String ticket) {
        redis.delete(PREFIX + ticket);
    }
}
