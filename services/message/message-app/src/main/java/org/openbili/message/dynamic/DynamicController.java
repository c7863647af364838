package org.openbili.message.dynamic;

import java.net.URI;
import java.util.List;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 动态: the feed of everyone I follow, one user's own dynamics, posting text and deleting one's own. */
@RestController
class DynamicController {

    static final int MAX_TEXT = 1000;

    private final Feed feed;
    private final Dynamics dynamics;
    private final DynamicViews views;
    private final Timelines timelines;

    DynamicController(Feed feed, Dynamics dynamics, DynamicViews views, Timelines timelines) {
        this.feed = feed;
        this.dynamics = dynamics;
        this.views = views;
        this.timelines = timelines;
    }

    /**
     * A page of the feed; {@code newCount} is set with {@code ?since=<dynamic id>}: the page then holds only what is
     * newer than that one, and the count says how many that is (at most {@value Feed#MAX_NEW}).
     */
    record FeedPage(List<DynamicView> items, String nextCursor, Integer newCount) {}

    record PostRequest(String text) {}

    @GetMapping("/api/v1/dynamics")
    FeedPage feed(
            AuthUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String since) {
        int pageSize = Cursor.size(size);
        if (since != null) {
            List<DynamicRow> newer = feed.newer(user.uid(), id("since", since));
            return new FeedPage(views.of(newer.subList(0, Math.min(pageSize, newer.size()))), null, newer.size());
        }
        long[] after = Cursor.decode(cursor, 1);
        Feed.Page page = feed.page(user.uid(), after == null ? null : after[0], pageSize);
        String next = page.more()
                ? Cursor.encode(page.items().get(page.items().size() - 1).id())
                : null;
        return new FeedPage(views.of(page.items()), next, null);
    }

    @GetMapping("/api/v1/users/{uid}/dynamics")
    CursorPage<DynamicView> ofUser(
            @PathVariable long uid,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        CursorPage<DynamicRow> page = CursorPage.of(
                dynamics.byAuthor(uid, after == null ? null : after[0], pageSize + 1),
                pageSize,
                row -> Cursor.encode(row.id()));
        return new CursorPage<>(views.of(page.items()), page.nextCursor());
    }

    @PostMapping("/api/v1/dynamics")
    ResponseEntity<DynamicView> post(AuthUser user, @RequestBody(required = false) PostRequest request) {
        DynamicRow row = dynamics.postText(user.uid(), text(request == null ? null : request.text()));
        return ResponseEntity.created(URI.create("/api/v1/dynamics/" + row.id()))
                .body(views.of(List.of(row)).get(0));
    }

    @DeleteMapping("/api/v1/dynamics/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AuthUser user, @PathVariable String id) {
        DynamicRow row = dynamics.find(id("id", id))
                .orElseThrow(() -> ApiException.notFound("DYNAMIC_NOT_FOUND", "动态不存在或已删除：" + id));
        if (row.authorUid() != user.uid()) {
            throw ApiException.forbidden("NOT_YOUR_DYNAMIC", "只能删除自己的动态");
        }
        dynamics.delete(row.id());
        timelines.removeFromTimeline(row.authorUid(), row.id());
    }

    private static String text(String given) {
        String text = given == null ? "" : given.replace("\r\n", "\n").strip();
        int length = text.codePointCount(0, text.length());
        if (length == 0) {
            throw ApiException.invalidField("text", "不能为空");
        }
        if (length > MAX_TEXT) {
            throw ApiException.invalidField("text", "最多 " + MAX_TEXT + " 个字");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ApiException.invalidField("text", "不能包含控制字符");
        }
        return text;
    }

    private static long id(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "不是动态的 id：" + value);
        }
    }
}
