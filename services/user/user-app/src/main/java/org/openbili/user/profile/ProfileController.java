package org.openbili.user.profile;

import org.openbili.common.problem.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Public profiles. */
@RestController
class ProfileController {

    private final ProfileRepository profiles;

    ProfileController(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/users/{uid}")
    ProfileResponse profile(@PathVariable long uid) {
        return profiles.findById(uid)
                .map(ProfileResponse::of)
                .orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "There is no user " + uid + "."));
    }

    /** Ids are strings on the wire: 64-bit numbers do not survive JavaScript. */
    record ProfileResponse(
            String uid,
            String nickname,
            String avatarUrl,
            String sign,
            long followers,
            long following,
            long likesReceived,
            long videos) {

        static ProfileResponse of(Profile p) {
            return new ProfileResponse(
                    Long.toString(p.uid()),
                    p.nickname(),
                    p.avatarKey() == null ? "/media/avatars/default.png" : "/media/" + p.avatarKey(),
                    p.sign(),
                    p.followers(),
                    p.following(),
                    p.likesReceived(),
                    p.videos());
        }
    }
}
