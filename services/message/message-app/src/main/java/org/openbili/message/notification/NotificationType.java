package org.openbili.message.notification;

import java.util.Locale;

/** The kinds of notification, as the message centre groups them. */
enum NotificationType {
    REPLY,
    LIKE,
    AT,
    FOLLOW,
    SYSTEM;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
