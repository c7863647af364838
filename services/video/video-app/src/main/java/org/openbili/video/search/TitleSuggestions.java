package org.openbili.video.search;

import static org.openbili.video.search.VideoSearchMapping.TAGS;
import static org.openbili.video.search.VideoSearchMapping.TAG_PREFIX;
import static org.openbili.video.search.VideoSearchMapping.TITLE;
import static org.openbili.video.search.VideoSearchMapping.TITLE_PREFIX;
import static org.openbili.video.search.VideoSearchMapping.VIEWS;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.search.mapper.orm.Search;
import org.openbili.video.catalog.Video;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completions for the search box: tags and titles of published videos that start with what was typed, the most
 * watched first. Read from the index alone; a prefix query behaves the same on Lucene and on Elasticsearch.
 */
@Component
class TitleSuggestions {

    private final EntityManager entityManager;

    TitleSuggestions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(readOnly = true)
    List<String> complete(String typed, int limit) {
        String prefix = typed.toLowerCase(Locale.ROOT);
        List<Candidate> candidates = Search.session(entityManager)
                .search(Video.class)
                .select(f -> f.composite()
                        .from(
                                f.field(TITLE, String.class),
                                f.field(TAGS, String.class).list())
                        .as(Candidate::new))
                .where(f -> f.or(
                        f.prefix().field(TITLE_PREFIX).matching(prefix),
                        f.prefix().field(TAG_PREFIX).matching(prefix)))
                .sort(f -> f.field(VIEWS).desc())
                .fetchHits(limit);
        Set<String> completions = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            candidate.tags().stream().filter(tag -> startsWith(tag, prefix)).forEach(completions::add);
            if (startsWith(candidate.title(), prefix)) {
                completions.add(candidate.title());
            }
        }
        return completions.stream().limit(limit).toList();
    }

    private static boolean startsWith(String text, String lowerCasePrefix) {
        return text.toLowerCase(Locale.ROOT).startsWith(lowerCasePrefix);
    }

    private record Candidate(String title, List<String> tags) {}
}
