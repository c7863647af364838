package org.openbili.user.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.openbili.common.problem.ApiException;
import org.openbili.events.DomainEvents;
import org.openbili.security.AuthUser;
import org.openbili.storage.ObjectStorage;
import org.openbili.storage.StorageKeys;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user changing their own nickname, sign or avatar; others learn of it through {@link ProfileUpdated}. */
@Service
class ProfileEdits {

    private final Profiles profiles;
    private final ProfileRepository repository;
    private final ObjectStorage storage;
    private final DomainEvents events;
    private final Clock clock;

    ProfileEdits(
            Profiles profiles, ProfileRepository repository, ObjectStorage storage, DomainEvents events, Clock clock) {
        this.profiles = profiles;
        this.repository = repository;
        this.storage = storage;
        this.events = events;
        this.clock = clock;
    }

    /** Fields left null stay as they are; an empty avatarKey goes back to the default avatar. */
    record ProfileChange(String nickname, String sign, String avatarKey) {}

    @Transactional
    Profile edit(AuthUser user, ProfileChange change) {
        Profile profile = profiles.mine(user);
        Instant now = clock.instant();
        boolean changed = false;
        if (change.nickname() != null) {
            String nickname = ProfileRules.nickname("nickname", change.nickname());
            if (!nickname.equals(profile.nickname())) {
                if (repository.existsByNickname(nickname)) {
                    throw ApiException.conflict("NICKNAME_TAKEN", "昵称已被占用").withField("nickname", "已被占用");
                }
                profile.rename(nickname, now);
                changed = true;
            }
        }
        if (change.sign() != null) {
            String sign = ProfileRules.sign(change.sign());
            if (!sign.equals(profile.sign())) {
                profile.changeSign(sign, now);
                changed = true;
            }
        }
        if (change.avatarKey() != null) {
            String key = change.avatarKey().isBlank() ? null : ownUpload(user.uid(), change.avatarKey());
            if (key == null ? profile.avatarKey() != null : !key.equals(profile.avatarKey())) {
                profile.changeAvatar(key, now);
                changed = true;
            }
        }
        if (changed) {
            repository.flush();
            String uid = Long.toString(profile.uid());
            events.publish(
                    UserEvents.TOPIC,
                    uid,
                    new ProfileUpdated(uid, profile.nickname(), profile.avatarUrl(), profile.sign()));
        }
        return profile;
    }

    /** A profile may show only an avatar its owner uploaded (POST /api/v1/users/me/avatar). */
    private String ownUpload(long uid, String key) {
        try {
            if (!key.startsWith(AvatarUrls.ownPrefix(uid))
                    || !StorageKeys.isValid(key)
                    || storage.stat(key).isEmpty()) {
                throw ApiException.invalidField("avatarKey", "不是你上传的头像");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
