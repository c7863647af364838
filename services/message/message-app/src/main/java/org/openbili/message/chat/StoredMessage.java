package org.openbili.message.chat;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A private message as stored: {@code from} sent it to {@code to}. */
record StoredMessage(long id, long from, long to, String text, long createdAt) {

    static StoredMessage map(ResultSet rs, int n) throws SQLException {
        long low = rs.getLong("low_uid");
        long high = rs.getLong("high_uid");
        long sender = rs.getLong("sender_uid");
        return new StoredMessage(
                rs.getLong("id"), sender, sender == low ? high : low, rs.getString("text"), rs.getLong("created_at"));
    }
}
