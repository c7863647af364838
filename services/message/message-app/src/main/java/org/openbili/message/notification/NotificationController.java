package org.openbili.message.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.message.realtime.UserPush;
import org.openbili.message.unread.UnreadCounts;
import org.openbili.security.AuthUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's notifications: a tab's list, and marking read. */
@RestController
class NotificationController {

    private final Notifications notifications;
    private final NotificationViews views;
    private final UnreadCounts unread;
    private final UserPush push;

    NotificationController(Notifications notifications, NotificationViews views, UnreadCounts unread, UserPush push) {
        this.notifications = notifications;
        this.views = views;
        this.unread = unread;
        this.push = push;
    }

    /** One type's entries (all types without {@code type}), the most recently changed first. */
    @GetMapping("/api/v1/notifications")
    CursorPage<NotificationView> list(
            AuthUser user,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        NotificationType only = NotificationType.parse("type", type);
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        List<NotificationRow> rows = notifications.page(user.uid(), only, after == null ? null : after[0], pageSize);
        CursorPage<NotificationRow> page = CursorPage.of(rows, pageSize, row -> Cursor.encode(row.sortKey()));
        return new CursorPage<>(views.of(page.items()), page.nextCursor());
    }

    /** What to mark read: one type, some entries by id, or everything when the body names neither. */
    record ReadRequest(String type, List<String> ids) {}

    /** Marks read and answers the unread counts left, which the user's other tabs are told as well. */
    @PostMapping("/api/v1/notifications/read")
    Map<String, Long> read(AuthUser user, @RequestBody(required = false) ReadRequest request) {
        NotificationType type = request == null ? null : NotificationType.parse("type", request.type());
        List<Long> ids = request == null || request.ids() == null ? null : ids(request.ids());
        if (ids == null || !ids.isEmpty()) {
            notifications.markRead(user.uid(), type, ids);
        }
        Map<String, Long> left = unread.of(user.uid());
        push.send(user.uid(), "unread", Map.of("unread", left));
        return left;
    }

    private static List<Long> ids(List<String> given) {
        if (given.size() > 100) {
            throw ApiException.invalidField("ids", "一次最多 100 个");
        }
        List<Long> ids = new ArrayList<>();
        for (String id : given) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException | NullPointerException e) {
                throw ApiException.invalidField("ids", "须为通知的 id：" + id);
            }
        }
        return ids;
    }
}
