package org.openbili.user.api;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The user service, for other services: user cards in one batched call (never one call per item). */
@FeignClient(name = "user", contextId = "userClient")
public interface UserClient {

    /** Cards of the given users, in no particular order; unknown ids are left out. At most 100 ids. */
    @GetMapping("/internal/v1/users/cards")
    List<UserCard> cards(@RequestParam("uid") List<String> uids);
}
