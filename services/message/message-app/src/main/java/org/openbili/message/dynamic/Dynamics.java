package org.openbili.message.dynamic;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openbili.common.id.Snowflake;
import org.openbili.events.DomainEvents;
import org.openbili.message.api.DynamicPosted;
import org.openbili.message.api.MessageEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dynamics table. A new dynamic is announced as {@code DynamicPosted} in the same transaction, from which
 * {@link FanOut} puts it where its author's followers will read it. Runs in the caller's transaction.
 */
@Component
class Dynamics {

    static final String TEXT = "text";
    static final String VIDEO = "video";

    private final JdbcClient jdbc;
    private final Snowflake ids;
    private final Clock clock;
    private final DomainEvents events;

    Dynamics(JdbcClient jdbc, Snowflake ids, Clock clock, DomainEvents events) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    DynamicRow postText(long author, String text) {
        DynamicRow row = new DynamicRow(ids.nextId(), author, TEXT, text, null, clock.millis());
        insert(row);
        return row;
    }

    /** The dynamic of a published video, made once however often the video is published. */
    Optional<DynamicRow> postVideo(long author, long videoId) {
        if (byVideo(videoId).isPresent()) {
            return Optional.empty();
        }
        DynamicRow row = new DynamicRow(ids.nextId(), author, VIDEO, null, videoId, clock.millis());
        insert(row);
        return Optional.of(row);
    }

    private void insert(DynamicRow row) {
        jdbc.sql("INSERT INTO dynamic (" + DynamicRow.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.authorUid(), row.kind(), row.text(), row.videoId(), row.createdAt())
                .update();
        events.publish(
                MessageEvents.TOPIC,
                Long.toString(row.authorUid()),
                new DynamicPosted(
                        Long.toString(row.id()),
                        Long.toString(row.authorUid()),
                        row.kind(),
                        row.videoId() == null ? null : Long.toString(row.videoId())));
    }

    Optional<DynamicRow> find(long id) {
        return jdbc.sql("SELECT " + DynamicRow.COLUMNS + " FROM dynamic WHERE id = ?")
                .param(id)
                .query(DynamicRow::map)
                .optional();
    }

    Optional<DynamicRow> byVideo(long videoId) {
        return jdbc.sql("SELECT " + DynamicRow.COLUMNS + " FROM dynamic WHERE video_id = ?")
                .param(videoId)
                .query(DynamicRow::map)
                .optional();
    }

    List<DynamicRow> byIds(Collection<Long> dynamicIds) {
        if (dynamicIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + DynamicRow.COLUMNS + " FROM dynamic WHERE id IN (:ids)")
                .param("ids", List.copyOf(dynamicIds))
                .query(DynamicRow::map)
                .list();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM dynamic WHERE id = ?").param(id).update();
    }

    /** One author's dynamics, newest first, before {@code beforeId}. */
    List<DynamicRow> byAuthor(long author, Long beforeId, int limit) {
        return jdbc.sql("SELECT " + DynamicRow.COLUMNS + " FROM dynamic WHERE author_uid = :author"
                        + (beforeId == null ? "" : " AND id < :before") + " ORDER BY id DESC LIMIT :limit")
                .param("author", author)
                .param("before", beforeId == null ? 0 : beforeId)
                .param("limit", limit)
                .query(DynamicRow::map)
                .list();
    }

    /** The newest dynamics of some authors, for rebuilding an inbox that Redis lost. */
    List<Long> newestOf(Collection<Long> authors, int limit) {
        if (authors.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM dynamic WHERE author_uid IN (:authors) ORDER BY id DESC LIMIT :limit")
                .param("authors", List.copyOf(authors))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }
}
