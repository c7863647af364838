package org.openbili.video.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openbili.common.problem.ApiException;
import org.openbili.video.partition.PartitionRepository;
import org.springframework.stereotype.Component;

/**
 * The rules for what a video says about itself: a title of 1–80 characters, a description of at most 2000, a
 * partition from the tree, up to 10 tags of 1–20 characters. All broken rules are reported at once.
 */
@Component
class VideoMetadata {

    static final int MAX_TITLE = 80;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 20;

    private final PartitionRepository partitions;

    VideoMetadata(PartitionRepository partitions) {
        this.partitions = partitions;
    }

    /** The normalized metadata (trimmed, tags de-duplicated), or a 400 listing every bad field. */
    Draft check(String title, String description, String partition, List<String> tags) {
        List<String[]> errors = new ArrayList<>();
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty()
                || length(cleanTitle) > MAX_TITLE
                || cleanTitle.chars().anyMatch(Character::isISOControl)) {
            errors.add(new String[] {"title", "must be 1 to " + MAX_TITLE + " characters"});
        }
        String cleanDescription = description == null ? "" : description.strip();
        if (length(cleanDescription) > MAX_DESCRIPTION) {
            errors.add(new String[] {"description", "must be at most " + MAX_DESCRIPTION + " characters"});
        }
        if (partition == null || partition.isBlank() || !partitions.existsById(partition)) {
            errors.add(new String[] {"partition", "must be a partition of the tree (GET /api/v1/partitions)"});
        }
        List<String> cleanTags = tags(tags, errors);
        if (!errors.isEmpty()) {
            ApiException problem = ApiException.badRequest(
                    "VALIDATION_FAILED",
                    String.join(
                            "; ", errors.stream().map(e -> e[0] + " " + e[1]).toList()));
            errors.forEach(e -> problem.withField(e[0], e[1]));
            throw problem;
        }
        return new Draft(cleanTitle, cleanDescription, partition, cleanTags);
    }

    private static List<String> tags(List<String> tags, List<String[]> errors) {
        if (tags == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> clean = new ArrayList<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip();
            if (t.isEmpty() || length(t) > MAX_TAG || hasControl(t) || t.contains(",")) {
                errors.add(new String[] {"tags", "each tag must be 1 to " + MAX_TAG + " characters, without commas"});
                return List.of();
            }
            if (seen.add(t.toLowerCase(Locale.ROOT))) {
                clean.add(t);
            }
        }
        if (clean.size() > MAX_TAGS) {
            errors.add(new String[] {"tags", "at most " + MAX_TAGS + " tags"});
        }
        return clean;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
    }

    record Draft(String title, String description, String partition, List<String> tags) {}
}
