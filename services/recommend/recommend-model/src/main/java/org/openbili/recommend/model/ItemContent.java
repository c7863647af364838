package org.openbili.recommend.model;

import java.util.List;

/**
 * What an item says about itself, for content similarity and for keeping one uploader from filling a page.
 *
 * @param uploader 0 when unknown
 * @param categories its partition first, then the partitions above it
 * @param publishedAt epoch milliseconds
 */
public record ItemContent(
        long item, long uploader, List<String> categories, List<String> tags, String title, long publishedAt) {

    public ItemContent {
        categories = categories == null ? List.of() : List.copyOf(categories);
        tags = tags == null ? List.of() : List.copyOf(tags);
        title = title == null ? "" : title;
    }
}
