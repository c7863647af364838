package org.openbili.video.partition;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PartitionRepository extends JpaRepository<Partition, String> {

    List<Partition> findAllByOrderByPositionAsc();
}
