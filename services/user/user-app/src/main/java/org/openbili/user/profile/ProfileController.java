package org.openbili.user.profile;

import java.util.List;
import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Public profiles, and the signed-in user's own. */
@RestController
class ProfileController {

    private final ProfileRepository profiles;
    private final Profiles lifecycle;
    private final ProfileEdits edits;
    private final JdbcClient jdbc;

    ProfileController(ProfileRepository profiles, Profiles lifecycle, ProfileEdits edits, JdbcClient jdbc) {
        this.profiles = profiles;
        this.lifecycle = lifecycle;
        this.edits = edits;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/users/{uid}")
    ProfileResponse profile(@PathVariable long uid, Optional<AuthUser> viewer) {
        Profile profile = profiles.findById(uid)
                .orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "There is no user " + uid + "."));
        return ProfileResponse.of(
                profile, viewer.map(v -> follows(v.uid(), uid)).orElse(null));
    }

    /** Read straight from the follow table: the follow feature builds on profiles, not the other way round. */
    private boolean follows(long follower, long followee) {
        return jdbc.sql("SELECT COUNT(*) FROM user_follow WHERE follower_uid = :a AND followee_uid = :b")
                        .param("a", follower)
                        .param("b", followee)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    @GetMapping("/api/v1/users/me")
    MyProfileResponse me(AuthUser user) {
        return MyProfileResponse.of(lifecycle.mine(user), user);
    }

    @PatchMapping("/api/v1/users/me")
    MyProfileResponse edit(AuthUser user, @RequestBody ProfileEdits.ProfileChange change) {
        try {
            return MyProfileResponse.of(edits.edit(user, change), user);
        } catch (DataIntegrityViolationException raced) {
            // Someone took the nickname between our check and our write.
            throw ApiException.conflict("NICKNAME_TAKEN", "昵称已被占用").withField("nickname", "已被占用");
        }
    }

    /**
     * Ids are strings on the wire: 64-bit numbers do not survive JavaScript.
     *
     * @param followedByMe whether the signed-in viewer follows this user; null for anonymous viewers
     */
    record ProfileResponse(
            String uid,
            String nickname,
            String avatarUrl,
            String sign,
            long followers,
            long following,
            long likesReceived,
            long videos,
            Boolean followedByMe) {

        static ProfileResponse of(Profile p, Boolean followedByMe) {
            return new ProfileResponse(
                    Long.toString(p.uid()),
                    p.nickname(),
                    p.avatarUrl(),
                    p.sign(),
                    p.followers(),
                    p.following(),
                    p.likesReceived(),
                    p.videos(),
                    followedByMe);
        }
    }

    /** The owner also sees their username (a login name, so not public) and roles. */
    record MyProfileResponse(
            String uid,
            String username,
            String nickname,
            String avatarUrl,
            String avatarKey,
            String sign,
            long followers,
            long following,
            long likesReceived,
            long videos,
            List<String> roles) {

        static MyProfileResponse of(Profile p, AuthUser user) {
            return new MyProfileResponse(
                    Long.toString(p.uid()),
                    p.username(),
                    p.nickname(),
                    p.avatarUrl(),
                    p.avatarKey(),
                    p.sign(),
                    p.followers(),
                    p.following(),
                    p.likesReceived(),
                    p.videos(),
                    user.roles().stream().sorted().toList());
        }
    }
}
