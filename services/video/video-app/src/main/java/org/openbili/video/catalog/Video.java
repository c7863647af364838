package org.openbili.video.catalog;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A video in the catalog. The search index maps this class programmatically, so it carries no search annotations.
 * Updates write only the columns that changed, so an owner's edit never overwrites the view count that
 * {@code ViewCounter} increments in the database meanwhile.
 */
@Entity
@DynamicUpdate
@Table(name = "video")
public class Video {

    @Id
    private Long id;

    @Column(nullable = false, unique = true)
    private String bvid;

    @Column(name = "owner_uid", nullable = false)
    private long ownerUid;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String description;

    @Column(name = "partition_slug", nullable = false)
    private String partition;

    // one query loads the tags of a whole page of videos
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 50)
    @CollectionTable(name = "video_tag", joinColumns = @JoinColumn(name = "video_id"))
    @OrderColumn(name = "position")
    @Column(name = "tag", nullable = false)
    private List<String> tags = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VideoState state;

    @Column(name = "state_reason")
    private String stateReason;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "cover_key")
    private String coverKey;

    @Column(nullable = false)
    private long views;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "upload_id")
    private String uploadId;

    /** The verified original in object storage, once the upload is complete. */
    @Column(name = "source_key")
    private String sourceKey;

    /** The folder of the verified HLS ladder, cover and thumbnails; null until transcoding succeeded. */
    @Column(name = "media_prefix")
    private String mediaPrefix;

    @Column(name = "transcode_percent", nullable = false)
    private int transcodePercent;

    @Column(name = "transcode_attempts", nullable = false)
    private int transcodeAttempts;

    protected Video() {}

    public Video(
            long id,
            String bvid,
            long ownerUid,
            String title,
            String description,
            String partition,
            List<String> tags,
            Instant now) {
        this(id, bvid, ownerUid, title, description, partition, tags, null, now);
    }

    public Video(
            long id,
            String bvid,
            long ownerUid,
            String title,
            String description,
            String partition,
            List<String> tags,
            String uploadId,
            Instant now) {
        this.id = id;
        this.bvid = bvid;
        this.ownerUid = ownerUid;
        this.title = title;
        this.description = description;
        this.partition = partition;
        this.tags = new ArrayList<>(tags);
        this.uploadId = uploadId;
        this.state = VideoState.UPLOADING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String bvid() {
        return bvid;
    }

    public long ownerUid() {
        return ownerUid;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String partition() {
        return partition;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public VideoState state() {
        return state;
    }

    public String stateReason() {
        return stateReason;
    }

    public long durationMs() {
        return durationMs;
    }

    public String coverKey() {
        return coverKey;
    }

    public long views() {
        return views;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String uploadId() {
        return uploadId;
    }

    public String sourceKey() {
        return sourceKey;
    }

    public String mediaPrefix() {
        return mediaPrefix;
    }

    public int transcodePercent() {
        return transcodePercent;
    }

    public int transcodeAttempts() {
        return transcodeAttempts;
    }

    public boolean isOwnedBy(long uid) {
        return ownerUid == uid;
    }

    public void setViews(long views) {
        this.views = views;
    }

    public void edit(String title, String description, String partition, List<String> tags, Instant now) {
        this.title = title;
        this.description = description;
        this.partition = partition;
        this.tags.clear();
        this.tags.addAll(tags);
        this.updatedAt = now;
    }

    /** The bytes are all here: transcoding may start. */
    void sourceReady(String sourceKey, Instant now) {
        this.sourceKey = sourceKey;
        this.transcodePercent = 0;
        moveTo(VideoState.PROCESSING, null, now);
    }

    int startAttempt(Instant now) {
        this.transcodeAttempts++;
        this.transcodePercent = 0;
        this.updatedAt = now;
        return transcodeAttempts;
    }

    void progressed(int percent) {
        this.transcodePercent = percent;
    }

    public void processed(long durationMs, String coverKey, Instant now) {
        this.durationMs = durationMs;
        this.coverKey = coverKey;
        this.updatedAt = now;
    }

    /** Transcoding produced a verified ladder under {@code mediaPrefix}: the video waits for review. */
    void mediaReady(String mediaPrefix, long durationMs, String coverKey, Instant now) {
        processed(durationMs, coverKey, now);
        this.mediaPrefix = mediaPrefix;
        this.transcodePercent = 100;
        moveTo(VideoState.REVIEW, null, now);
    }

    public void moveTo(VideoState state, String reason, Instant now) {
        this.state = state;
        this.stateReason = reason;
        this.updatedAt = now;
        if (state == VideoState.PUBLISHED && publishedAt == null) {
            this.publishedAt = now;
        }
    }
}
