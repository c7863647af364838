package org.openbili.interaction.triple;

import org.openbili.interaction.catalog.Videos;
import org.openbili.security.AuthUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/videos/{bvid}/triple}: like + coins (up to two) + favourite, all or nothing. */
@RestController
class TripleController {

    private final Triple triple;
    private final Videos videos;

    TripleController(Triple triple, Videos videos) {
        this.triple = triple;
        this.videos = videos;
    }

    @PostMapping("/api/v1/videos/{bvid}/triple")
    Triple.TripleResult triple(@PathVariable String bvid, AuthUser user) {
        return triple.run(user.uid(), videos.require(bvid));
    }
}
