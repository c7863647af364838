package org.openbili.video.search;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

/**
 * Text analysis of the Elasticsearch index. The analyzer is a setting ({@code ES_TEXT_ANALYZER}): a cluster with
 * a Chinese plugin names it ({@code smartcn}, {@code ik_max_word}); the default {@code standard} cuts Chinese into
 * single characters, which {@link VideoSearch} queries as phrases so that words still match as words.
 */
record ElasticsearchTextAnalysis(String analyzerType) implements ElasticsearchAnalysisConfigurer {

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.analyzer(VideoSearchMapping.TEXT).type(analyzerType);
        context.normalizer(VideoSearchMapping.LOWERCASE).custom().tokenFilters("lowercase");
    }
}
