package org.openbili.user.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's public face: nickname, avatar, sign, and the counts shown on their space. */
@Entity
@Table(name = "user_profile")
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

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Profile() {}

    public Profile(long uid, String username, String nickname, Instant now) {
        this.uid = uid;
        this.username = username;
        this.nickname = nickname;
        this.sign = "";
        this.createdAt = now;
        this.updatedAt = now;
    }

    public long uid() {
        return uid;
    }

    public String nickname() {
        return nickname;
    }

    public String avatarKey() {
        return avatarKey;
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
}
