package org.openbili.video.api;

import java.util.List;

/** A partition of the tree and the partitions under it. */
public record PartitionNode(String slug, String name, List<PartitionNode> children) {}
