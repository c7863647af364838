package org.openbili.video.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.openbili.common.id.Bvid;
import org.openbili.video.media.MediaUrls;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Published videos as the read API shows them, by bvid, in this instance's memory: the video page and the lists read
 * here instead of the database. Every change to a video goes out as one of its events ({@link CatalogEvents}), and the
 * events evict: this instance's own change right after its commit, any other instance's as the event reaches it
 * ({@link CacheEvictions}); until those events reach this instance, it keeps nothing. An entry is also dropped after
 * {@link #LONGEST}, which only matters when an eviction was missed, and is well within the validity of the signed
 * media URLs it holds.
 */
@Component
class VideoCache {

    static final Duration LONGEST = Duration.ofMinutes(10);

    private final Cache<String, CachedVideo> published =
            Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(LONGEST).build();
    private final VideoRepository videos;
    private final MediaUrls urls;
    private volatile boolean keeping;

    VideoCache(VideoRepository videos, MediaUrls urls) {
        this.videos = videos;
        this.urls = urls;
    }

    /**
     * The published video behind {@code bvid}, or null when there is none (never was, or not published: those are
     * read from the database each time, by the few who may see them). A read racing an eviction never leaves the
     * old version behind: the eviction waits for the load and removes what it loaded.
     */
    CachedVideo published(String bvid) {
        if (!Bvid.isValid(bvid)) {
            return null;
        }
        return keeping ? published.get(bvid, this::load) : load(bvid);
    }

    private CachedVideo load(String bvid) {
        return videos.findByBvid(bvid)
                .filter(video -> video.state() == VideoState.PUBLISHED)
                .map(video -> CachedVideo.of(video, urls))
                .orElse(null);
    }

    boolean keeping() {
        return keeping;
    }

    /** Whether videos are kept: only while the evictions of every instance's changes reach this one. */
    void keep(boolean keep) {
        keeping = keep;
        if (!keep) {
            published.invalidateAll();
        }
    }

    /** Any video, read now from its entity and not kept. */
    CachedVideo of(Video video) {
        return CachedVideo.of(video, urls);
    }

    void evict(String bvid) {
        published.invalidate(bvid);
    }

    /** Evicts once the current transaction has committed, so no reader loads the old row again afterwards. */
    void evictAfterCommit(String bvid) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            evict(bvid);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                evict(bvid);
            }
        });
    }
}
