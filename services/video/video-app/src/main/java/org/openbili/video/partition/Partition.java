package org.openbili.video.partition;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One node of the partition tree (分区). */
@Entity
@Table(name = "video_partition")
public class Partition {

    @Id
    private String slug;

    private String name;

    @Column(name = "parent_slug")
    private String parentSlug;

    private int position;

    protected Partition() {}

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String parentSlug() {
        return parentSlug;
    }

    int position() {
        return position;
    }
}
