package org.openbili.video.search;

import static org.openbili.video.search.VideoSearchMapping.DESCRIPTION;
import static org.openbili.video.search.VideoSearchMapping.ID;
import static org.openbili.video.search.VideoSearchMapping.PARTITION;
import static org.openbili.video.search.VideoSearchMapping.PUBLISHED_AT;
import static org.openbili.video.search.VideoSearchMapping.TAGS;
import static org.openbili.video.search.VideoSearchMapping.TITLE;
import static org.openbili.video.search.VideoSearchMapping.VIEWS;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.mapper.orm.Search;
import org.openbili.video.catalog.Video;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search over published videos, the same query on Lucene and on Elasticsearch.
 *
 * <p>Every word of the query must occur, as a phrase, in the title, the tags or the description (title weighs
 * most). A phrase keeps a Chinese word whole whatever the analyzer: with single-character tokens (Elasticsearch's
 * {@code standard}) "动漫" still needs 动 right before 漫, so it finds "日本动漫解说" and not "动物世界 漫步".
 */
@Component
class VideoSearch {

    private final EntityManager entityManager;

    VideoSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The hits of one page, plus one more when there is a next page. */
    @Transactional(readOnly = true)
    List<Hit> search(SearchQuery query) {
        return Search.session(entityManager)
                .search(Video.class)
                .select(f -> f.composite()
                        .from(f.entity(), f.highlight(TITLE).single())
                        .as(Hit::new))
                .where(f -> matching(f, query))
                .sort(f -> order(f, query.sort()))
                .highlighter(h -> h.plain()
                        .tag("<em>", "</em>")
                        .encoder(HighlighterEncoder.HTML)
                        // titles are short: one fragment holds the whole of one
                        .fragmentSize(1000)
                        .numberOfFragments(1))
                .fetchHits(query.offset(), query.size() + 1)
                .stream()
                // a video deleted since the index answered
                .filter(hit -> hit.video() != null)
                .toList();
    }

    private static BooleanPredicateClausesStep<?, ?> matching(SearchPredicateFactory f, SearchQuery query) {
        BooleanPredicateClausesStep<?, ?> bool = f.bool();
        for (String word : query.words()) {
            bool.must(f.phrase()
                    .field(TITLE)
                    .boost(3)
                    .field(TAGS)
                    .boost(2)
                    .field(DESCRIPTION)
                    .matching(word));
        }
        if (!query.partitions().isEmpty()) {
            bool.filter(f.terms().field(PARTITION).matchingAny(query.partitions()));
        }
        return bool;
    }

    private static SortFinalStep order(SearchSortFactory f, SearchSort sort) {
        return switch (sort) {
            case RELEVANCE ->
                f.composite(c -> c.add(f.score())
                        .add(f.field(PUBLISHED_AT).desc())
                        .add(f.field(ID).desc()));
            case NEW ->
                f.composite(
                        c -> c.add(f.field(PUBLISHED_AT).desc()).add(f.field(ID).desc()));
            case VIEWS ->
                f.composite(c -> c.add(f.field(VIEWS).desc())
                        .add(f.field(PUBLISHED_AT).desc())
                        .add(f.field(ID).desc()));
        };
    }

    /** A published video that matched, and its title as the engine highlighted it (null when the title did not match). */
    record Hit(Video video, String highlightedTitle) {

        /** The title as HTML: escaped, with {@code <em>} around the matched words. */
        String titleHighlight() {
            if (highlightedTitle == null) {
                return new SimpleHTMLEncoder().encodeText(video.title());
            }
            // single-character tokens come back one by one: <em>动</em><em>漫</em> reads as <em>动漫</em>
            return highlightedTitle.replace("</em><em>", "");
        }
    }
}
