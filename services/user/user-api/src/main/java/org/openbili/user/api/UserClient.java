package org.openbili.user.api;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The user service, for other services: user cards in one batched call (never one call per item), and the follow
 * graph as bare uids for services that fan out along it.
 */
@FeignClient(name = "user", contextId = "userClient")
public interface UserClient {

    /** Cards of the given users, in no particular order; unknown ids are left out. At most 100 ids. */
    @GetMapping("/internal/v1/users/cards")
    List<UserCard> cards(@RequestParam("uid") List<String> uids);

    /**
     * Creates the profile of an account that is about to be committed (idempotent for the same uid and names).
     * It stays pending until the account's {@code AccountCreated} event, or a request signed by its owner,
     * confirms it; a pending profile whose account never came is removed after a while. Answers 409 with
     * code {@code NICKNAME_TAKEN} or {@code USERNAME_TAKEN} when another profile holds the name.
     */
    @PostMapping("/internal/v1/users")
    UserCard createProfile(@RequestBody NewProfile profile);

    /**
     * The followers of {@code uid} by keyset, at most {@code size} (1-1000) per page, with the follower count; an
     * unknown user has none.
     */
    @GetMapping("/internal/v1/users/{uid}/follower-ids")
    FollowerIds followerIds(
            @PathVariable("uid") String uid,
            @RequestParam(value = "cursor", required = false) String cursor,
            @RequestParam("size") int size);

    /** Everyone {@code uid} follows, in no particular order. */
    @GetMapping("/internal/v1/users/{uid}/following-ids")
    List<String> followingIds(@PathVariable("uid") String uid);

    /** Whether {@code uid} follows {@code followee}. */
    @GetMapping("/internal/v1/users/{uid}/follows/{followee}")
    boolean follows(@PathVariable("uid") String uid, @PathVariable("followee") String followee);

    /** Gives up a pending profile whose account could not be created; confirmed profiles are kept. */
    @DeleteMapping("/internal/v1/users/{uid}/pending")
    void discardPendingProfile(@PathVariable("uid") String uid);
}
