package org.openbili.message.chat;

import java.time.Instant;

/** A private message; {@code read} is whether its receiver has read it. */
record MessageView(String id, String from, String to, String text, Instant createdAt, boolean read) {

    static MessageView of(StoredMessage m, boolean read) {
        return new MessageView(
                Long.toString(m.id()),
                Long.toString(m.from()),
                Long.toString(m.to()),
                m.text(),
                Instant.ofEpochMilli(m.createdAt()),
                read);
    }
}
