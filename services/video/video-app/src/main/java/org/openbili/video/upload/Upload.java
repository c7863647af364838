package org.openbili.video.upload;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One upload of one user: a tus upload, or an instant one that reuses bytes already stored. */
@Entity
@Table(name = "video_upload")
public class Upload {

    @Id
    private String id;

    @Column(name = "owner_uid", nullable = false)
    private long ownerUid;

    @Column(nullable = false)
    private String filename;

    @Column(nullable = false)
    private long size;

    /** What the client claimed until the upload is complete, then what the bytes really hash to. */
    private String sha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UploadState state;

    @Column(name = "source_key")
    private String sourceKey;

    @Column(name = "video_id")
    private Long videoId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected Upload() {}

    Upload(String id, long ownerUid, String filename, long size, String sha256, Instant now, Instant expiresAt) {
        this.id = id;
        this.ownerUid = ownerUid;
        this.filename = filename;
        this.size = size;
        this.sha256 = sha256;
        this.state = UploadState.RECEIVING;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public long ownerUid() {
        return ownerUid;
    }

    public String filename() {
        return filename;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public UploadState state() {
        return state;
    }

    public boolean isComplete() {
        return state == UploadState.COMPLETE;
    }

    public String sourceKey() {
        return sourceKey;
    }

    public Long videoId() {
        return videoId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    void touch(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    void complete(String sha256, String sourceKey, Instant now, Instant expiresAt) {
        this.sha256 = sha256;
        this.sourceKey = sourceKey;
        this.state = UploadState.COMPLETE;
        this.completedAt = now;
        this.expiresAt = expiresAt;
    }

    void attach(long videoId) {
        this.videoId = videoId;
    }
}
