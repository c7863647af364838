package org.openbili.interaction.comment;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbili.common.id.Bvid;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.catalog.Videos;
import org.openbili.interaction.limit.RateLimiter;
import org.openbili.interaction.text.Mentions;
import org.openbili.interaction.text.SensitiveWords;
import org.openbili.interaction.text.UserText;
import org.openbili.security.AuthUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 评论: threads under a video. */
@RestController
class CommentController {

    static final int MAX_LENGTH = 1000;

    private final Comments comments;
    private final CommentQueries queries;
    private final CommentViews views;
    private final Mentions mentions;
    private final Videos videos;
    private final SensitiveWords words;
    private final RateLimiter limiter;

    CommentController(
            Comments comments,
            CommentQueries queries,
            CommentViews views,
            Mentions mentions,
            Videos videos,
            SensitiveWords words,
            RateLimiter limiter) {
        this.comments = comments;
        this.queries = queries;
        this.views = views;
        this.mentions = mentions;
        this.videos = videos;
        this.words = words;
        this.limiter = limiter;
    }

    /** Root comments with their first replies; {@code sort=hot} (default) or {@code new}. */
    @GetMapping("/api/v1/videos/{bvid}/comments")
    CursorPage<CommentView> list(
            @PathVariable String bvid,
            @RequestParam(defaultValue = "hot") String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            Optional<AuthUser> viewer) {
        CatalogVideo video = videos.require(bvid);
        int limit = Cursor.size(size);
        CursorPage<CommentRow> page = switch (sort) {
            case "hot" -> queries.hottest(video.id(), cursor, limit);
            case "new" -> queries.newest(video.id(), cursor, limit);
            default -> throw ApiException.invalidField("sort", "须为 hot 或 new");
        };
        Map<Long, List<CommentRow>> previews = queries.previews(page.items());
        return new CursorPage<>(views.of(page.items(), previews, uid(viewer)), page.nextCursor());
    }

    /** {@code {content, parentId?}}: a root comment, or a reply to any comment of the video. */
    @PostMapping("/api/v1/videos/{bvid}/comments")
    ResponseEntity<CommentView> post(
            @PathVariable String bvid, @RequestBody(required = false) CommentRequest request, AuthUser user) {
        CatalogVideo video = videos.require(bvid);
        String text = UserText.check("content", request == null ? null : request.content(), MAX_LENGTH, true);
        Long parentId = request.parentId() == null ? null : id("parentId", request.parentId());
        limiter.hit("comment", user.uid(), limiter.limits().comments());
        text = words.filter("content", text);
        CommentRow row = comments.post(user.uid(), video, text, parentId, mentions.resolve(text, user.uid()));
        CommentView view = views.of(List.of(row), Map.of(), user.uid()).get(0);
        return ResponseEntity.created(URI.create("/api/v1/comments/" + row.id()))
                .body(view);
    }

    @GetMapping("/api/v1/comments/{id}")
    CommentView one(@PathVariable String id, Optional<AuthUser> viewer) {
        long commentId = id("id", id);
        CommentRow row = comments.find(commentId)
                .filter(c -> !c.deleted() || (c.isRoot() && c.replies() > 0))
                .orElseThrow(() -> Comments.notFound(commentId));
        videos.require(Bvid.encode(row.videoId()));
        return views.of(List.of(row), queries.previews(List.of(row)), uid(viewer))
                .get(0);
    }

    /** The replies of a root comment, oldest first. */
    @GetMapping("/api/v1/comments/{id}/replies")
    CursorPage<CommentView> replies(
            @PathVariable String id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            Optional<AuthUser> viewer) {
        long rootId = id("id", id);
        CommentRow root = comments.find(rootId).filter(CommentRow::isRoot).orElseThrow(() -> Comments.notFound(rootId));
        videos.require(Bvid.encode(root.videoId()));
        CursorPage<CommentRow> page = queries.replies(rootId, cursor, Cursor.size(size));
        return new CursorPage<>(views.of(page.items(), Map.of(), uid(viewer)), page.nextCursor());
    }

    @DeleteMapping("/api/v1/comments/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, AuthUser user) {
        comments.delete(user, id("id", id));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/comments/{id}/like")
    CommentLikeState like(@PathVariable String id, AuthUser user) {
        return likeState(user, id("id", id), true);
    }

    @DeleteMapping("/api/v1/comments/{id}/like")
    CommentLikeState unlike(@PathVariable String id, AuthUser user) {
        return likeState(user, id("id", id), false);
    }

    private CommentLikeState likeState(AuthUser user, long commentId, boolean like) {
        comments.like(user.uid(), commentId, like);
        return new CommentLikeState(like, comments.find(commentId).orElseThrow().likes());
    }

    private static Long uid(Optional<AuthUser> viewer) {
        return viewer.map(AuthUser::uid).orElse(null);
    }

    private static long id(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "不是评论的 id：" + value);
        }
    }

    record CommentRequest(String content, String parentId) {}

    record CommentLikeState(boolean liked, long likes) {}
}
