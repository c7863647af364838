package org.openbili.interaction.favorite;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openbili.events.DomainEvents;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoFavorited;
import org.openbili.interaction.catalog.CatalogVideo;
import org.openbili.interaction.counter.Counter;
import org.openbili.interaction.counter.VideoCounters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which of a user's folders hold a video. A video's favourite count is the number of users who keep it in at
 * least one folder, so moving it between folders changes nothing there.
 */
@Component
public class Favorites {

    private final JdbcClient jdbc;
    private final Folders folders;
    private final VideoCounters counters;
    private final DomainEvents events;
    private final Clock clock;

    Favorites(JdbcClient jdbc, Folders folders, VideoCounters counters, DomainEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.folders = folders;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    /** Puts the video into exactly {@code folderIds} of the user's folders (none: no longer a favourite). */
    @Transactional
    public Set<Long> place(long uid, CatalogVideo video, Collection<Long> folderIds) {
        Set<Long> wanted = new LinkedHashSet<>(folderIds);
        wanted.forEach(id -> folders.owned(id, uid));
        lockUser(uid);
        Set<Long> current = new LinkedHashSet<>(in(uid, video.id()));
        List<Long> added = new ArrayList<>();
        long now = clock.millis();
        for (long folder : wanted) {
            if (!current.contains(folder)) {
                jdbc.sql("INSERT INTO fav_item (folder_id, video_id, uid, created_at) VALUES (?, ?, ?, ?)")
                        .params(folder, video.id(), uid, now)
                        .update();
                jdbc.sql("UPDATE fav_folder SET video_count = video_count + 1 WHERE id = ?")
                        .param(folder)
                        .update();
                added.add(folder);
            }
        }
        for (long folder : current) {
            if (!wanted.contains(folder)) {
                jdbc.sql("DELETE FROM fav_item WHERE folder_id = ? AND video_id = ?")
                        .params(folder, video.id())
                        .update();
                jdbc.sql("UPDATE fav_folder SET video_count = video_count - 1 WHERE id = ?")
                        .param(folder)
                        .update();
            }
        }
        if (current.isEmpty() != wanted.isEmpty()) {
            counters.add(video.id(), Counter.FAVORITES, wanted.isEmpty() ? -1 : 1);
        }
        if (!added.isEmpty()) {
            events.publish(
                    InteractionEvents.TOPIC,
                    video.idText(),
                    new VideoFavorited(
                            video.idText(),
                            video.bvid(),
                            Long.toString(uid),
                            video.ownerText(),
                            added.stream().map(String::valueOf).toList()));
        }
        return wanted;
    }

    /** For 一键三连: a video the user has in no folder goes into their default folder. */
    @Transactional
    public void ensure(long uid, CatalogVideo video) {
        if (in(uid, video.id()).isEmpty()) {
            place(uid, video, List.of(folders.defaultFolder(uid).id()));
        }
    }

    /** The user's folders that hold the video. */
    public List<Long> in(long uid, long videoId) {
        return jdbc.sql("SELECT folder_id FROM fav_item WHERE uid = ? AND video_id = ? ORDER BY folder_id")
                .params(uid, videoId)
                .query(Long.class)
                .list();
    }

    /** Deletes a folder that is not the default one, with what it holds. */
    @Transactional
    void deleteFolder(long uid, Folder folder) {
        lockUser(uid);
        List<Long> videos = jdbc.sql("SELECT video_id FROM fav_item WHERE folder_id = ?")
                .param(folder.id())
                .query(Long.class)
                .list();
        jdbc.sql("DELETE FROM fav_item WHERE folder_id = ?").param(folder.id()).update();
        jdbc.sql("DELETE FROM fav_folder WHERE id = ?").param(folder.id()).update();
        for (long video : videos) {
            if (in(uid, video).isEmpty()) {
                counters.add(video, Counter.FAVORITES, -1);
            }
        }
    }

    /** One user's favourite changes run one at a time, so "first folder" and "last folder" are never both seen. */
    private void lockUser(long uid) {
        folders.defaultFolder(uid);
        jdbc.sql("SELECT id FROM fav_folder WHERE default_owner = ? FOR UPDATE")
                .param(uid)
                .query(Long.class)
                .list();
    }
}
