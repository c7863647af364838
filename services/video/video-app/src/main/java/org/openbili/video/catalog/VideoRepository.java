package org.openbili.video.catalog;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface VideoRepository extends JpaRepository<Video, Long> {

    Optional<Video> findByBvid(String bvid);

    Optional<Video> findByUploadId(String uploadId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select v from Video v where v.id = :id")
    Optional<Video> findForUpdate(long id);

    boolean existsBySourceKeyAndState(String sourceKey, VideoState state);

    /** The bvids of published videos of some partitions, newest first, after a (publishedAt, id) cursor. */
    @Query("""
            select v.bvid from Video v where v.state = :state and v.partition in :partitions
            and (v.publishedAt < :before or (v.publishedAt = :before and v.id < :beforeId))
            order by v.publishedAt desc, v.id desc""")
    List<String> findPublishedBvids(
            VideoState state, Collection<String> partitions, Instant before, long beforeId, Limit limit);

    /**
     * The bvids of published videos, newest first, after a (publishedAt, id) cursor. Ordered by the state too, so
     * H2 reads the page straight off ix_video_published (V4) instead of sorting every published video.
     */
    @Query("""
            select v.bvid from Video v where v.state = :state
            and (v.publishedAt < :before or (v.publishedAt = :before and v.id < :beforeId))
            order by v.state, v.publishedAt desc, v.id desc""")
    List<String> findPublishedBvids(VideoState state, Instant before, long beforeId, Limit limit);

    List<Video> findByOwnerUidAndIdLessThanOrderByIdDesc(long ownerUid, long beforeId, Limit limit);

    List<Video> findByOwnerUidAndStateAndIdLessThanOrderByIdDesc(
            long ownerUid, VideoState state, long beforeId, Limit limit);

    List<Video> findByStateAndIdGreaterThanOrderByIdAsc(VideoState state, long afterId, Limit limit);
}
