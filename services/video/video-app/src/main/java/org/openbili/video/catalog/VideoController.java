package org.openbili.video.catalog;

import java.net.URI;
import java.util.Optional;
import org.openbili.security.AuthUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** One video: submit it from an upload, read it, and (its owner) edit or delete it. */
@RestController
class VideoController {

    private final VideoRepository videos;
    private final VideoCache cache;
    private final VideoSubmission submission;
    private final VideoEditing editing;
    private final VideoResponses responses;

    VideoController(
            VideoRepository videos,
            VideoCache cache,
            VideoSubmission submission,
            VideoEditing editing,
            VideoResponses responses) {
        this.videos = videos;
        this.cache = cache;
        this.submission = submission;
        this.editing = editing;
        this.responses = responses;
    }

    @PostMapping("/api/v1/videos")
    ResponseEntity<Submitted> submit(@RequestBody VideoRequests.Create request, AuthUser user) {
        Video video = submission.submit(user.uid(), request);
        return ResponseEntity.created(URI.create("/api/v1/videos/" + video.bvid()))
                .body(new Submitted(video.bvid(), video.state().name()));
    }

    /** A published video from memory; any other only for its owner and admins, from the database. */
    @GetMapping("/api/v1/videos/{bvid}")
    VideoResponse get(@PathVariable String bvid, Optional<AuthUser> user) {
        CachedVideo published = cache.published(bvid);
        return published != null ? responses.of(published) : responses.of(VideoAccess.visible(videos, bvid, user));
    }

    @PatchMapping("/api/v1/videos/{bvid}")
    VideoResponse edit(@PathVariable String bvid, @RequestBody VideoRequests.Edit edit, AuthUser user) {
        return responses.of(editing.edit(bvid, user, edit));
    }

    @DeleteMapping("/api/v1/videos/{bvid}")
    ResponseEntity<Void> delete(@PathVariable String bvid, AuthUser user) {
        editing.delete(bvid, user);
        return ResponseEntity.noContent().build();
    }

    record Submitted(String bvid, String state) {}
}
