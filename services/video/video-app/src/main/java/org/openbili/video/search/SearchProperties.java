package org.openbili.video.search;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the search index lives. With {@code elasticsearchUris} set (distributed mode, {@code ES_URIS}) it is an
 * Elasticsearch cluster; otherwise a Lucene index in {@code indexDirectory} (standalone mode, under
 * {@code DATA_DIR}).
 *
 * @param elasticsearchUris comma-separated, such as {@code http://es1:9200,http://es2:9200}; blank for Lucene
 * @param elasticsearchAnalyzer the Elasticsearch analyzer type for titles, tags and descriptions
 * @param elasticsearchVersion blank to ask the cluster at startup; set it where the cluster does not say
 *     (some managed services, test distributions)
 */
@ConfigurationProperties("openbili.search")
record SearchProperties(
        String elasticsearchUris,
        String elasticsearchUsername,
        String elasticsearchPassword,
        String elasticsearchAnalyzer,
        String elasticsearchVersion,
        Path indexDirectory) {

    boolean elasticsearch() {
        return elasticsearchUris != null && !elasticsearchUris.isBlank();
    }
}
