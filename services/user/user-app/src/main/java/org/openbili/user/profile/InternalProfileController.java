package org.openbili.user.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openbili.common.problem.ApiException;
import org.openbili.user.api.NewProfile;
import org.openbili.user.api.UserCard;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What other services ask of the user service ({@code UserClient}); reachable only with an internal token. */
@RestController
class InternalProfileController {

    static final int MAX_CARDS = 100;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,20}");

    private final ProfileRepository profiles;
    private final Profiles lifecycle;

    InternalProfileController(ProfileRepository profiles, Profiles lifecycle) {
        this.profiles = profiles;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/internal/v1/users/cards")
    List<UserCard> cards(@RequestParam("uid") List<String> uids) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String uid : uids) {
            for (String part : uid.split(",")) {
                if (!part.isBlank()) {
                    ids.add(Profiles.parseUid(part.strip()));
                }
            }
        }
        if (ids.size() > MAX_CARDS) {
            throw ApiException.invalidField("uid", "at most " + MAX_CARDS + " ids per call");
        }
        return profiles.findByUidIn(ids).stream()
                .map(p -> new UserCard(Long.toString(p.uid()), p.nickname(), p.avatarUrl()))
                .toList();
    }

    @PostMapping("/internal/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserCard create(@RequestBody NewProfile request) {
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw ApiException.invalidField("username", "must be 3-20 letters, digits or _");
        }
        Profile profile;
        try {
            profile = lifecycle.createPending(request);
        } catch (DataIntegrityViolationException raced) {
            // Another attempt of this very call (the first was slow, not lost) may have committed after this one
            // looked, so its row reads as a duplicate or a taken name. Asked again, the same request is answered
            // with that profile, and a name that someone else really holds is refused as before.
            profile = lifecycle.createPending(request);
        } catch (ApiException refused) {
            if (refused.status() != HttpStatus.CONFLICT) {
                throw refused;
            }
            profile = lifecycle.createPending(request); // the same race, seen as a taken name
        }
        return new UserCard(Long.toString(profile.uid()), profile.nickname(), profile.avatarUrl());
    }

    @DeleteMapping("/internal/v1/users/{uid}/pending")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void discardPending(@PathVariable long uid) {
        lifecycle.discardPending(uid);
    }
}
