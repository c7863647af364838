package org.openbili.user.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A user's public face: nickname, avatar, sign, and the counts shown on their space. The counters are changed
 * only by atomic SQL increments ({@link ProfileRepository}); updates of this entity write just the columns it
 * changed, so an edit of the sign never overwrites a follower count that moved meanwhile.
 */
@Entity
@Table(name = "user_profile")
@DynamicUpdate
public class Profile {

    @Id
    private long uid;

    private String username;

    private String nickname;

    @Column(name = "avatar_key")
    private String avatarKey;

    private String sign;

    private long followers;

    private long following;

    @Column(name = "likes_received")
    private long likesReceived;

    private long videos;

    /** False while the account it was made for may not exist yet (see {@code Profiles}). */
    private boolean confirmed;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Profile() {}

    public Profile(long uid, String username, String nickname, Instant now) {
        this(uid, username, nickname, true, now);
    }

    Profile(long uid, String username, String nickname, boolean confirmed, Instant now) {
        this.uid = uid;
        this.username = username;
        this.nickname = nickname;
        this.sign = "";
        this.confirmed = confirmed;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public long uid() {
        return uid;
    }

    public String username() {
        return username;
    }

    public String nickname() {
        return nickname;
    }

    public String avatarKey() {
        return avatarKey;
    }

    public String avatarUrl() {
        return AvatarUrls.of(avatarKey);
    }

    public String sign() {
        return sign;
    }

    public long followers() {
        return followers;
    }

    public long following() {
        return following;
    }

    public long likesReceived() {
        return likesReceived;
    }

    public long videos() {
        return videos;
    }

    public boolean confirmed() {
        return confirmed;
    }

    /** True when this call confirmed it, false when it already was. */
    boolean confirm(Instant now) {
        if (confirmed) {
            return false;
        }
        confirmed = true;
        updatedAt = now;
        return true;
    }

    void rename(String nickname, Instant now) {
        this.nickname = nickname;
        this.updatedAt = now;
    }

    void changeSign(String sign, Instant now) {
        this.sign = sign;
        this.updatedAt = now;
    }

    void changeAvatar(String avatarKey, Instant now) {
        this.avatarKey = avatarKey;
        this.updatedAt = now;
    }
}
