package org.openbili.message.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.message.realtime.UserPush;
import org.openbili.message.unread.UnreadCounts;
import org.springframework.stereotype.Component;

/**
 * Turns an event's notices into notifications once per event (a redelivery makes nothing), then tells each
 * recipient's open sockets, on whichever node they are: a {@code notification} frame with the entry as the list
 * shows it and the fresh unread counts.
 */
@Component
class NotificationMaker {

    private final EventInbox inbox;
    private final Notifications notifications;
    private final NotificationViews views;
    private final UnreadCounts unread;
    private final UserPush push;

    NotificationMaker(
            EventInbox inbox,
            Notifications notifications,
            NotificationViews views,
            UnreadCounts unread,
            UserPush push) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.views = views;
        this.unread = unread;
        this.push = push;
    }

    void make(String consumer, EventEnvelope event, List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        List<Long> changed = new ArrayList<>();
        inbox.once(consumer, event, () -> {
            changed.clear();
            notices.forEach(notice -> notifications.make(notice).ifPresent(changed::add));
        });
        for (long id : changed) {
            notifications
                    .find(id)
                    .ifPresent(row -> push.send(
                            row.uid(),
                            "notification",
                            Map.of("notification", views.of(List.of(row)).get(0), "unread", unread.of(row.uid()))));
        }
    }
}
