package org.openbili.video.search;

import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.schema.management.SearchSchemaManager;
import org.hibernate.search.util.common.SearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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

    private static final Logger log = LoggerFactory.getLogger(SearchBackendConfiguration.class);
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

    /**
     * With Elasticsearch the index is made once the mapping is built ({@link #elasticsearchSchema}), not by Hibernate
     * Search during its boot: instances of a scaled-out video service start together, and two that both find no index
     * both create it; the second is refused ({@code resource_already_exists_exception}) and its boot fails. Here the
     * one that loses the race validates the index the other one made.
     */
    @Bean
    SmartInitializingSingleton elasticsearchSchema(SearchProperties search, EntityManagerFactory entityManagerFactory) {
        return () -> {
            if (!search.elasticsearch()) {
                return;
            }
            SearchSchemaManager schema =
                    Search.mapping(entityManagerFactory).scope(Object.class).schemaManager();
            try {
                schema.createOrValidate();
            } catch (SearchException e) {
                if (!String.valueOf(e.getMessage()).contains("resource_already_exists_exception")) {
                    throw e;
                }
                log.info("Another instance created the search index at the same time; validating it");
                schema.createOrValidate();
            }
        };
    }

    private static void elasticsearch(Map<String, Object> properties, SearchProperties search) {
        properties.putIfAbsent(BACKEND + "type", "elasticsearch");
        properties.putIfAbsent("hibernate.search.schema_management.strategy", "none");
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
        // Every indexing plan commits already (the ORM mapper's write-sync strategy forces it), so a commit interval
        // would only batch a mass indexing, and any non-zero one starts a timer that wakes 200 times a second
        properties.putIfAbsent(BACKEND + "io.commit_interval", 0);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
