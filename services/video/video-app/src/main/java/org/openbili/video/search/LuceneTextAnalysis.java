package org.openbili.video.search;

import org.apache.lucene.analysis.cjk.CJKBigramFilterFactory;
import org.apache.lucene.analysis.cjk.CJKWidthFilterFactory;
import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.standard.StandardTokenizerFactory;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Text analysis of the Lucene index: Chinese as overlapping bigrams ("日本动漫解说" → 日本 本动 动漫 漫解 解说),
 * Latin words lowercased, full-width letters folded. Queried as phrases, any two or more consecutive characters
 * of a title find it, as with Elasticsearch's {@code standard} analyzer, and "动漫" never finds "动物世界 漫步".
 * (smartcn's dictionary lacks 动漫 and many newer words, so its segments would miss what users type.)
 */
class LuceneTextAnalysis implements LuceneAnalysisConfigurer {

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(VideoSearchMapping.TEXT)
                .custom()
                .tokenizer(StandardTokenizerFactory.class)
                .tokenFilter(CJKWidthFilterFactory.class)
                .tokenFilter(LowerCaseFilterFactory.class)
                .tokenFilter(CJKBigramFilterFactory.class);
        context.normalizer(VideoSearchMapping.LOWERCASE).custom().tokenFilter(LowerCaseFilterFactory.class);
    }
}
