package org.openbili.message.block;

import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Blocking and unblocking someone; both idempotent. */
@RestController
class BlockController {

    private final Blocks blocks;

    BlockController(Blocks blocks) {
        this.blocks = blocks;
    }

    @PutMapping("/api/v1/me/blocks/{uid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(AuthUser user, @PathVariable long uid) {
        if (uid == user.uid()) {
            throw ApiException.badRequest("CANNOT_BLOCK_YOURSELF", "不能拉黑自己").withField("uid", "不能拉黑自己");
        }
        blocks.block(user.uid(), uid);
    }

    @DeleteMapping("/api/v1/me/blocks/{uid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(AuthUser user, @PathVariable long uid) {
        blocks.unblock(user.uid(), uid);
    }
}
