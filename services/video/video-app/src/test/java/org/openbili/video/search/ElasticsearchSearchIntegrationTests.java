package org.openbili.video.search;

import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestElasticsearch;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Search in distributed mode: {@code ES_URIS} names a real Elasticsearch node (Maven Central's integ-test-zip,
 * unpacked by the build), whose only analyzer for Chinese is {@code standard}.
 */
@Infrastructure
class ElasticsearchSearchIntegrationTests extends SearchIntegrationTests {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        ownEngines(registry, "search_elasticsearch");
        registry.add("ES_URIS", TestElasticsearch::uri);
        registry.add("ES_VERSION", TestElasticsearch::version);
    }
}
