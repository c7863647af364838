package org.openbili.video.search;

import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the Hibernate Search backend from the configuration alone: Elasticsearch when {@code ES_URIS} is set,
 * otherwise Lucene on disk. Anything set explicitly under {@code spring.jpa.properties.hibernate.search} wins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchBackendConfiguration {

    private static final String BACKEND = "hibernate.search.backend.";

    @Bean
    HibernatePropertiesCustomizer searchBackend(SearchProperties search) {
        return properties -> {
            properties.putIfAbsent("hibernate.search.mapping.configurer", new VideoSearchMapping());
            if (search.elasticsearch()) {
                elasticsearch(properties, search);
            } else {
                lucene(properties, search);
            }
        };
    }

    private static void elasticsearch(Map<String, Object> properties, SearchProperties search) {
        properties.putIfAbsent(BACKEND + "type", "elasticsearch");
        properties.putIfAbsent(BACKEND + "uris", search.elasticsearchUris());
        if (present(search.elasticsearchUsername())) {
            properties.putIfAbsent(BACKEND + "username", search.elasticsearchUsername());
            properties.putIfAbsent(BACKEND + "password", search.elasticsearchPassword());
        }
        if (present(search.elasticsearchVersion())) {
            properties.putIfAbsent(BACKEND + "version", search.elasticsearchVersion());
            properties.putIfAbsent(BACKEND + "version_check.enabled", false);
        }
        properties.putIfAbsent(
                BACKEND + "analysis.configurer", new ElasticsearchTextAnalysis(search.elasticsearchAnalyzer()));
    }

    private static void lucene(Map<String, Object> properties, SearchProperties search) {
        properties.putIfAbsent(BACKEND + "type", "lucene");
        properties.putIfAbsent(
                BACKEND + "directory.root", search.indexDirectory().toString());
        // analysis stays as the index on disk was written, whatever Lucene a later Hibernate Search brings
        properties.putIfAbsent(BACKEND + "lucene_version", "9.12.0");
        properties.putIfAbsent(BACKEND + "analysis.configurer", new LuceneTextAnalysis());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
