package org.openbili.video.search;

import java.nio.file.Path;
import java.util.UUID;
import org.openbili.testsupport.Infrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Search in standalone mode: a Lucene index in a folder under DATA_DIR. */
@Infrastructure
class LuceneSearchIntegrationTests extends SearchIntegrationTests {

    private static final String DATA_DIR = Path.of(
                    "target", "test-data", UUID.randomUUID().toString())
            .toAbsolutePath()
            .toString();

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        ownEngines(registry, "search_lucene");
        registry.add("DATA_DIR", () -> DATA_DIR);
        // on disk, as in standalone mode, rather than the in-memory index other test contexts use
        registry.add("spring.jpa.properties.hibernate.search.backend.directory.type", () -> "local-filesystem");
    }
}
