package org.openbili.user.profile;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.openbili.common.problem.ApiException;
import org.openbili.events.DomainEvents;
import org.openbili.security.AuthUser;
import org.openbili.user.api.NewProfile;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserRegistered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a profile next to its account. The auth service creates the profile, pending, before it commits
 * the account (so a taken nickname is refused at once); the account's {@code AccountCreated} event, or any
 * request signed by its owner, confirms it, and only then is {@link UserRegistered} published. When the event
 * finds no profile (the synchronous call was lost), it creates one. Pending profiles whose account never came
 * are swept by {@link PendingProfileSweeper}.
 */
@Service
public class Profiles {

    private final ProfileRepository profiles;
    private final DomainEvents events;
    private final Clock clock;

    Profiles(ProfileRepository profiles, DomainEvents events, Clock clock) {
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    /** The caller's own profile, confirmed; 503 in the moment between an account and its profile. */
    @Transactional
    public Profile mine(AuthUser user) {
        Profile profile = profiles.findById(user.uid())
                .orElseThrow(() -> new ApiException(
                                HttpStatus.SERVICE_UNAVAILABLE, "PROFILE_NOT_READY", "你的个人资料还在创建中，请稍后再试。")
                        .withHeader("Retry-After", "1"));
        // A token for this uid proves its account exists.
        if (profile.confirm(clock.instant())) {
            published(profile);
        }
        return profile;
    }

    /** The profile of an account being created, pending; idempotent for the same uid and names. */
    @Transactional
    Profile createPending(NewProfile request) {
        long uid = parseUid(request.uid());
        String nickname = ProfileRules.nickname("nickname", request.nickname());
        Profile existing = profiles.findById(uid).orElse(null);
        if (existing != null) {
            if (existing.nickname().equals(nickname) && existing.username().equals(request.username())) {
                return existing;
            }
            throw ApiException.conflict("UID_TAKEN", "uid " + uid + " already has another profile.");
        }
        refuseTaken(request.username(), nickname);
        return profiles.saveAndFlush(new Profile(uid, request.username(), nickname, false, clock.instant()));
    }

    /** The account exists: confirm its profile, or make one if the synchronous call never arrived. */
    @Transactional
    void accountCreated(long uid, String username, String nickname) {
        Profile profile = profiles.findById(uid).orElse(null);
        if (profile == null) {
            profile = profiles.saveAndFlush(
                    new Profile(uid, username, freeNickname(nickname, uid), true, clock.instant()));
            published(profile);
        } else if (profile.confirm(clock.instant())) {
            published(profile);
        }
    }

    /** Removes a pending profile; confirmed ones stay. True when one was removed. */
    @Transactional
    boolean discardPending(long uid) {
        return profiles.findById(uid)
                .filter(profile -> !profile.confirmed())
                .map(profile -> {
                    profiles.delete(profile);
                    return true;
                })
                .orElse(false);
    }

    private void refuseTaken(String username, String nickname) {
        if (profiles.existsByUsername(username)) {
            throw ApiException.conflict("USERNAME_TAKEN", "用户名已被占用").withField("username", "已被占用");
        }
        if (profiles.existsByNickname(nickname)) {
            throw ApiException.conflict("NICKNAME_TAKEN", "昵称已被占用").withField("nickname", "已被占用");
        }
    }

    private void published(Profile profile) {
        String uid = Long.toString(profile.uid());
        events.publish(UserEvents.TOPIC, uid, new UserRegistered(uid, profile.username(), profile.nickname()));
    }

    /** The wanted nickname, or, when someone took it meanwhile, the same with a short number appended. */
    private String freeNickname(String wanted, long uid) {
        String base = wanted == null || wanted.isBlank() ? "用户" : wanted.strip();
        if (!profiles.existsByNickname(base)) {
            return base;
        }
        for (int attempt = 0; ; attempt++) {
            String suffix = "_"
                    + (attempt == 0 ? uid % 10_000 : ThreadLocalRandom.current().nextInt(100_000));
            int room = ProfileRules.NICKNAME_MAX - suffix.length();
            String stem = base.codePointCount(0, base.length()) > room
                    ? base.substring(0, base.offsetByCodePoints(0, room))
                    : base;
            if (!profiles.existsByNickname(stem + suffix)) {
                return stem + suffix;
            }
        }
    }

    static long parseUid(String uid) {
        try {
            return Long.parseLong(uid);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.invalidField("uid", "must be a number");
        }
    }
}
