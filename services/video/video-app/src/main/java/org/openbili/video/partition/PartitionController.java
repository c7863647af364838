package org.openbili.video.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The partition tree, as the clients draw their category menus from it. */
@RestController
class PartitionController {

    private final PartitionRepository partitions;

    PartitionController(PartitionRepository partitions) {
        this.partitions = partitions;
    }

    @GetMapping("/api/v1/partitions")
    List<PartitionNode> tree() {
        Map<String, PartitionNode> bySlug = new LinkedHashMap<>();
        List<PartitionNode> roots = new ArrayList<>();
        List<Partition> all = partitions.findAllByOrderByPositionAsc();
        for (Partition partition : all) {
            bySlug.put(partition.slug(), new PartitionNode(partition.slug(), partition.name(), new ArrayList<>()));
        }
        for (Partition partition : all) {
            PartitionNode node = bySlug.get(partition.slug());
            if (partition.parentSlug() == null) {
                roots.add(node);
            } else {
                bySlug.get(partition.parentSlug()).children().add(node);
            }
        }
        return roots;
    }

    record PartitionNode(String slug, String name, List<PartitionNode> children) {}
}
