package org.openbili.recommend.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbili.video.api.PartitionNode;
import org.openbili.video.api.VideoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The video service's partition tree, asked once and kept: which slugs exist, and which partition is above a child
 * (a video in 番剧 also ranks in 动漫). If the video service cannot be reached, it is asked again on the next use
 * after a short pause.
 */
@Component
public class PartitionTree {

    private static final Logger log = LoggerFactory.getLogger(PartitionTree.class);
    private static final long RETRY_MS = 5_000;

    private final VideoClient videos;
    private final Clock clock;
    private volatile Map<String, String> parents;
    private volatile List<String> topLevel = List.of();
    private volatile long failedAt;

    PartitionTree(VideoClient videos, Clock clock) {
        this.videos = videos;
        this.clock = clock;
    }

    /** True when the tree is known and has {@code slug}; false also when the video service cannot be asked. */
    public boolean exists(String slug) {
        Map<String, String> known = load();
        return known != null && known.containsKey(slug);
    }

    /** The partition above {@code slug}, or null for a top-level or unknown one. */
    public String parentOf(String slug) {
        Map<String, String> known = load();
        String parent = known == null || slug == null ? null : known.get(slug);
        return parent == null || parent.isEmpty() ? null : parent;
    }

    /** The slug and the partition above it, as far as they are known. */
    public List<String> withParent(String slug) {
        List<String> scopes = new ArrayList<>(2);
        if (slug != null && !slug.isBlank()) {
            scopes.add(slug);
            String parent = parentOf(slug);
            if (parent != null) {
                scopes.add(parent);
            }
        }
        return scopes;
    }

    /** The top-level slugs in the tree's order (empty while the tree is unknown). */
    public List<String> topLevel() {
        load();
        return topLevel;
    }

    /** Whether the tree could be had at all (for a 503 instead of a 404 while the video service is away). */
    public boolean known() {
        return load() != null;
    }

    private Map<String, String> load() {
        Map<String, String> known = parents;
        if (known != null || clock.millis() - failedAt < RETRY_MS) {
            return known;
        }
        synchronized (this) {
            if (parents == null && clock.millis() - failedAt >= RETRY_MS) {
                try {
                    Map<String, String> map = new LinkedHashMap<>();
                    List<String> tops = new ArrayList<>();
                    for (PartitionNode top : videos.partitions()) {
                        map.put(top.slug(), "");
                        tops.add(top.slug());
                        for (PartitionNode child : top.children() == null ? List.<PartitionNode>of() : top.children()) {
                            map.put(child.slug(), top.slug());
                        }
                    }
                    topLevel = List.copyOf(tops);
                    parents = Map.copyOf(map);
                } catch (RuntimeException e) {
                    failedAt = clock.millis();
                    log.warn("The partition tree could not be had from the video service: {}", e.toString());
                }
            }
            return parents;
        }
    }
}
