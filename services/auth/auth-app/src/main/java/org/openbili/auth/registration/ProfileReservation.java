package org.openbili.auth.registration;

import feign.FeignException;
import feign.RetryableException;
import java.time.Duration;
import org.openbili.common.problem.ApiException;
import org.openbili.user.api.NewProfile;
import org.openbili.user.api.UserCard;
import org.openbili.user.api.UserClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reserves the profile of an account before the account is committed: the user service owns nicknames, so
 * only it can say whether one is taken. Transient failures are retried (the call is idempotent); when the
 * user service stays away, registration answers 503 and nothing is committed here.
 */
@Component
class ProfileReservation {

    private static final Logger log = LoggerFactory.getLogger(ProfileReservation.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .predicate(ProfileReservation::isTransient)
            .maxRetries(2)
            .delay(Duration.ofMillis(200))
            .multiplier(2)
            .build());

    private final UserClient users;

    ProfileReservation(UserClient users) {
        this.users = users;
    }

    UserCard reserve(long uid, String username, String nickname) {
        try {
            return RETRY.invoke(() -> users.createProfile(new NewProfile(Long.toString(uid), username, nickname)));
        } catch (FeignException.Conflict e) {
            String code = problemCode(e);
            if ("USERNAME_TAKEN".equals(code)) {
                throw ApiException.conflict("USERNAME_TAKEN", "用户名已被占用").withField("username", "已被占用");
            }
            throw ApiException.conflict("NICKNAME_TAKEN", "昵称已被占用").withField("nickname", "已被占用");
        } catch (FeignException.BadRequest e) {
            throw relayedBadRequest(e);
        } catch (RuntimeException e) {
            log.warn("The user service could not create the profile of {}: {}", uid, e.toString());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "REGISTRATION_UNAVAILABLE", "注册暂时不可用，请稍后再试。")
                    .withHeader("Retry-After", "5");
        }
    }

    /** Gives the reserved profile up after the account could not be committed; the sweeper is the fallback. */
    void release(long uid) {
        try {
            users.discardPendingProfile(Long.toString(uid));
        } catch (RuntimeException e) {
            log.info("Could not release the pending profile {} now; the user service sweeps it later: {}", uid, e);
        }
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof RetryableException
                || e instanceof FeignException.ServiceUnavailable
                || e instanceof FeignException.BadGateway
                || e instanceof FeignException.GatewayTimeout
                || e instanceof FeignException.InternalServerError;
    }

    /** The user service's 400 names the field (the nickname's rules live there too). */
    private static ApiException relayedBadRequest(FeignException e) {
        ApiException refused = ApiException.badRequest("VALIDATION_FAILED", "昵称不符合要求");
        try {
            JsonNode errors = JSON.readTree(e.contentUTF8()).path("errors");
            errors.forEach(error -> refused.withField(
                    error.path("field").asString(), error.path("message").asString()));
        } catch (RuntimeException unreadable) {
            refused.withField("nickname", "不符合要求");
        }
        return refused;
    }

    private static String problemCode(FeignException e) {
        try {
            return JSON.readTree(e.contentUTF8()).path("code").asString();
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
