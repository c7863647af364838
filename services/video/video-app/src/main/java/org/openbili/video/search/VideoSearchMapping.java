package org.openbili.video.search;

import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.TypeMappingStep;
import org.openbili.video.catalog.Video;

/**
 * How a catalog {@link Video} becomes a search document. Mapped here rather than with annotations, so the
 * catalog knows nothing of search; only published videos enter the index ({@link PublishedOnly}).
 */
class VideoSearchMapping implements HibernateOrmSearchMappingConfigurer {

    /** Chinese and English text: CJK bigrams on Lucene, a configurable analyzer on Elasticsearch. */
    static final String TEXT = "video_text";

    /** Whole values compared without case, for prefixes. */
    static final String LOWERCASE = "video_lowercase";

    static final String TITLE = "title";
    static final String TITLE_PREFIX = "titlePrefix";
    static final String DESCRIPTION = "description";
    static final String TAGS = "tags";
    static final String TAG_PREFIX = "tagPrefix";
    static final String PARTITION = "partition";
    static final String VIEWS = "views";
    static final String PUBLISHED_AT = "publishedAt";
    static final String ID = "videoId";

    @Override
    public void configure(HibernateOrmMappingConfigurationContext context) {
        TypeMappingStep video = context.programmaticMapping().type(Video.class);
        video.indexed().index("video").routingBinder(new PublishedOnly());
        video.property("id").documentId().genericField(ID).sortable(Sortable.YES);
        video.property("title")
                .fullTextField(TITLE)
                .analyzer(TEXT)
                .projectable(Projectable.YES)
                .keywordField(TITLE_PREFIX)
                .normalizer(LOWERCASE);
        video.property("description").fullTextField(DESCRIPTION).analyzer(TEXT);
        video.property("tags")
                .fullTextField(TAGS)
                .analyzer(TEXT)
                .projectable(Projectable.YES)
                .keywordField(TAG_PREFIX)
                .normalizer(LOWERCASE);
        video.property("partition").keywordField(PARTITION);
        video.property("views").genericField(VIEWS).sortable(Sortable.YES);
        video.property("publishedAt").genericField(PUBLISHED_AT).sortable(Sortable.YES);
    }
}
