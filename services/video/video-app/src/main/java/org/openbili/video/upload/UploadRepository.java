package org.openbili.video.upload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UploadRepository extends JpaRepository<Upload, String> {

    @Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from Upload u where u.id = :id")
    Optional<Upload> findForUpdate(String id);

    List<Upload> findBySha256AndSizeAndState(String sha256, long size, UploadState state, Limit limit);

    boolean existsBySourceKey(String sourceKey);

    /** Uploads nobody touched in time: unfinished ones, and finished ones never turned into a video. */
    @Query("""
            select u from Upload u where u.expiresAt < :now
            and (u.state = :receiving or u.videoId is null) order by u.expiresAt""")
    List<Upload> findExpired(Instant now, UploadState receiving, Limit limit);

    List<Upload> findByStateAndCreatedAtBefore(UploadState state, Instant before, Limit limit);
}
