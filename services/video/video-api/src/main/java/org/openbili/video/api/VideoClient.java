package org.openbili.video.api;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** The video service, for other services. */
@FeignClient(name = "video", contextId = "videoClient")
public interface VideoClient {

    /** The partition tree (分区), top-level partitions first, as {@code GET /api/v1/partitions} answers it. */
    @GetMapping("/api/v1/partitions")
    List<PartitionNode> partitions();
}
