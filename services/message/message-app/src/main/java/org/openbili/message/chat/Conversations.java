package org.openbili.message.chat;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbili.common.id.Snowflake;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The private-message tables: both sides of each conversation and the messages between them. */
@Component
class Conversations {

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;

    Conversations(JdbcClient jdbc, Snowflake ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /** Both sides exist afterwards; {@code owner}'s is locked until the transaction ends, so one sender sends in turn. */
    ConversationRow lockSide(long owner, long peer) {
        long now = clock.millis();
        for (long[] side : new long[][] {{owner, peer}, {peer, owner}}) {
            jdbc.sql("INSERT IGNORE INTO conversation (owner_uid, peer_uid, updated_at) VALUES (?, ?, ?)")
                    .params(side[0], side[1], now)
                    .update();
        }
        return jdbc.sql("SELECT " + ConversationRow.COLUMNS
                        + " FROM conversation WHERE owner_uid = ? AND peer_uid = ? FOR UPDATE")
                .params(owner, peer)
                .query(ConversationRow::map)
                .single();
    }

    Optional<ConversationRow> side(long owner, long peer) {
        return jdbc.sql("SELECT " + ConversationRow.COLUMNS + " FROM conversation WHERE owner_uid = ? AND peer_uid = ?")
                .params(owner, peer)
                .query(ConversationRow::map)
                .optional();
    }

    /** Stores a message and moves both sides: the sender has read it, the receiver has one more unread. */
    StoredMessage add(long from, long to, String text) {
        long id = ids.nextId();
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO private_message (id, low_uid, high_uid, sender_uid, text, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(id, Math.min(from, to), Math.max(from, to), from, text, now)
                .update();
        jdbc.sql("""
                        UPDATE conversation SET last_message_id = ?, read_up_to = ?, sent = sent + 1, updated_at = ?
                        WHERE owner_uid = ? AND peer_uid = ?
                        """).params(id, id, now, from, to).update();
        jdbc.sql("""
                        UPDATE conversation SET last_message_id = ?, unread = unread + 1, updated_at = ?
                        WHERE owner_uid = ? AND peer_uid = ?
                        """).params(id, now, to, from).update();
        return new StoredMessage(id, from, to, text, now);
    }

    /** {@code owner} has read everything with {@code peer}; answers up to which message, or empty without any. */
    Optional<Long> markRead(long owner, long peer) {
        Optional<ConversationRow> side = side(owner, peer).filter(row -> !row.empty());
        side.ifPresent(row -> jdbc.sql("""
                        UPDATE conversation SET unread = 0, read_up_to = GREATEST(read_up_to, ?), updated_at = ?
                        WHERE owner_uid = ? AND peer_uid = ?
                        """)
                .params(row.lastMessageId(), clock.millis(), owner, peer)
                .update());
        return side.map(ConversationRow::lastMessageId);
    }

    /** {@code owner}'s conversations with something in them, the latest message first, after {@code beforeId}. */
    List<ConversationRow> list(long owner, Long beforeId, int limit) {
        return jdbc.sql("SELECT " + ConversationRow.COLUMNS
                        + " FROM conversation WHERE owner_uid = :owner AND last_message_id > 0"
                        + (beforeId == null ? "" : " AND last_message_id < :before")
                        + " ORDER BY last_message_id DESC LIMIT :limit")
                .param("owner", owner)
                .param("before", beforeId == null ? 0 : beforeId)
                .param("limit", limit)
                .query(ConversationRow::map)
                .list();
    }

    /** Messages between two users, newest first, before {@code beforeId}. */
    List<StoredMessage> messages(long a, long b, Long beforeId, int limit) {
        return jdbc.sql("SELECT id, low_uid, high_uid, sender_uid, text, created_at FROM private_message"
                        + " WHERE low_uid = :low AND high_uid = :high"
                        + (beforeId == null ? "" : " AND id < :before")
                        + " ORDER BY id DESC LIMIT :limit")
                .param("low", Math.min(a, b))
                .param("high", Math.max(a, b))
                .param("before", beforeId == null ? 0 : beforeId)
                .param("limit", limit)
                .query(StoredMessage::map)
                .list();
    }

    /** How far each of {@code peers} has read their conversation with {@code owner}. */
    Map<Long, Long> readByPeers(long owner, Collection<Long> peers) {
        if (peers.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> reads = new HashMap<>();
        jdbc.sql("SELECT owner_uid, read_up_to FROM conversation WHERE peer_uid = :owner AND owner_uid IN (:peers)")
                .param("owner", owner)
                .param("peers", List.copyOf(peers))
                .query((rs, n) -> reads.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return reads;
    }

    List<StoredMessage> byIds(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        "SELECT id, low_uid, high_uid, sender_uid, text, created_at FROM private_message WHERE id IN (:ids)")
                .param("ids", List.copyOf(messageIds))
                .query(StoredMessage::map)
                .list();
    }
}
