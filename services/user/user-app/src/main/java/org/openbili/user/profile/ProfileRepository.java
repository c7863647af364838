package org.openbili.user.profile;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * Profiles, and their counters. Counters move by atomic increments in SQL, never by read-modify-write, so
 * concurrent follows of one user all count; they never go below zero.
 */
public interface ProfileRepository extends JpaRepository<Profile, Long> {

    boolean existsByNickname(String nickname);

    boolean existsByUsername(String username);

    List<Profile> findByUidIn(Collection<Long> uids);

    @Modifying
    @Transactional
    @Query("UPDATE Profile p SET p.followers = p.followers + :delta WHERE p.uid = :uid AND p.followers + :delta >= 0")
    int addFollowers(@Param("uid") long uid, @Param("delta") long delta);

    @Modifying
    @Transactional
    @Query("UPDATE Profile p SET p.following = p.following + :delta WHERE p.uid = :uid AND p.following + :delta >= 0")
    int addFollowing(@Param("uid") long uid, @Param("delta") long delta);

    @Modifying
    @Transactional
    @Query(
            "UPDATE Profile p SET p.likesReceived = p.likesReceived + :delta WHERE p.uid = :uid AND p.likesReceived + :delta >= 0")
    int addLikesReceived(@Param("uid") long uid, @Param("delta") long delta);

    @Modifying
    @Transactional
    @Query("UPDATE Profile p SET p.videos = p.videos + :delta WHERE p.uid = :uid AND p.videos + :delta >= 0")
    int addVideos(@Param("uid") long uid, @Param("delta") long delta);
}
