package org.openbili.message.chat;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One side of a conversation: {@code owner}'s view of their messages with {@code peer}. */
record ConversationRow(long owner, long peer, long lastMessageId, int unread, long readUpTo, int sent) {

    static final String COLUMNS = "owner_uid, peer_uid, last_message_id, unread, read_up_to, sent";

    static ConversationRow map(ResultSet rs, int n) throws SQLException {
        return new ConversationRow(
                rs.getLong("owner_uid"),
                rs.getLong("peer_uid"),
                rs.getLong("last_message_id"),
                rs.getInt("unread"),
                rs.getLong("read_up_to"),
                rs.getInt("sent"));
    }

    /** Nothing was ever said in it (a side made ready for a first message that was refused). */
    boolean empty() {
        return lastMessageId == 0;
    }
}
