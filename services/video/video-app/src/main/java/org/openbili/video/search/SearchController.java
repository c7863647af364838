package org.openbili.video.search;

import java.util.List;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.common.problem.ApiException;
import org.openbili.video.media.MediaUrls;
import org.openbili.video.partition.Partition;
import org.openbili.video.partition.PartitionRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search over published videos, and completions for the search box. Public. */
@RestController
class SearchController {

    /** How deep a result list goes: relevance this far down is noise, and deep pages cost the engine dearly. */
    static final int MAX_WINDOW = 1000;

    static final int SUGGEST_MAX_LENGTH = 50;
    static final int SUGGESTIONS = 10;

    private final VideoSearch search;
    private final TitleSuggestions suggestions;
    private final PartitionRepository partitions;
    private final MediaUrls media;

    SearchController(
            VideoSearch search, TitleSuggestions suggestions, PartitionRepository partitions, MediaUrls media) {
        this.search = search;
        this.suggestions = suggestions;
        this.partitions = partitions;
        this.media = media;
    }

    @GetMapping("/api/v1/search/videos")
    CursorPage<VideoHit> videos(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String partition,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String cursor) {
        List<String> words = SearchQuery.words(SearchQuery.text(q, "q", SearchQuery.MAX_LENGTH));
        SearchSort order = SearchSort.parse(sort);
        int pageSize = Cursor.size(size);
        int offset = offset(cursor);
        List<VideoSearch.Hit> hits =
                search.search(new SearchQuery(words, partitionAndChildren(partition), order, offset, pageSize));
        List<VideoHit> items = hits.stream()
                .limit(pageSize)
                .map(hit -> VideoHit.of(hit, media))
                .toList();
        int next = offset + pageSize;
        boolean more = hits.size() > pageSize && next < MAX_WINDOW;
        return new CursorPage<>(items, more ? Cursor.encode(next) : null);
    }

    @GetMapping("/api/v1/search/suggest")
    Suggestions suggest(@RequestParam(required = false) String q) {
        return new Suggestions(suggestions.complete(SearchQuery.text(q, "q", SUGGEST_MAX_LENGTH), SUGGESTIONS));
    }

    /** A top-level partition stands for itself and its children; a child for itself alone. */
    private List<String> partitionAndChildren(String slug) {
        if (slug == null || slug.isBlank()) {
            return List.of();
        }
        Partition partition = partitions
                .findById(slug.strip())
                .orElseThrow(() -> ApiException.invalidField("partition", "is not a partition"));
        if (partition.parentSlug() != null) {
            return List.of(partition.slug());
        }
        return partitions.findAll().stream()
                .filter(p ->
                        p.slug().equals(partition.slug()) || partition.slug().equals(p.parentSlug()))
                .map(Partition::slug)
                .toList();
    }

    private static int offset(String cursor) {
        long[] keys = Cursor.decode(cursor, 1);
        if (keys == null) {
            return 0;
        }
        if (keys[0] < 0 || keys[0] >= MAX_WINDOW) {
            throw ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this list handed out.")
                    .withField("cursor", "is not valid");
        }
        return (int) keys[0];
    }

    /** Completions, best first. */
    record Suggestions(List<String> items) {}
}
