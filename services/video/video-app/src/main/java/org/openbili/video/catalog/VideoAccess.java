package org.openbili.video.catalog;

import java.util.Optional;
import org.openbili.common.id.Bvid;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;

/**
 * Who may see and change a video. Published videos are public; the others only exist for their owner and for
 * admins (everyone else gets the same 404 as for a video that never existed). Changes are the owner's (403).
 */
final class VideoAccess {

    private VideoAccess() {}

    static Video byBvid(VideoRepository videos, String bvid) {
        if (!Bvid.isValid(bvid)) {
            throw notFound();
        }
        return videos.findByBvid(bvid).orElseThrow(VideoAccess::notFound);
    }

    static boolean canSee(Video video, Optional<AuthUser> user) {
        return video.state() == VideoState.PUBLISHED
                || user.map(u -> u.isAdmin() || video.isOwnedBy(u.uid())).orElse(false);
    }

    static Video visible(VideoRepository videos, String bvid, Optional<AuthUser> user) {
        Video video = byBvid(videos, bvid);
        if (!canSee(video, user)) {
            throw notFound();
        }
        return video;
    }

    static void checkOwner(Video video, AuthUser user, boolean adminToo) {
        if (!video.isOwnedBy(user.uid()) && !(adminToo && user.isAdmin())) {
            throw ApiException.forbidden("NOT_YOUR_VIDEO", "只有上传者可以修改这个视频 (only its uploader may change it)");
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("VIDEO_NOT_FOUND", "视频不存在 (no such video)");
    }
}
