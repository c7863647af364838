package org.openbili.video.search;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.openbili.common.problem.ApiException;

/**
 * What a user searched for: the words of {@code q} (split at ASCII and ideographic spaces), the partitions to
 * look in (empty for all), the order, and the window of hits.
 */
record SearchQuery(List<String> words, List<String> partitions, SearchSort sort, int offset, int size) {

    static final int MAX_LENGTH = 100;

    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");

    /** The text a user typed, stripped, or a 400 naming {@code field} when it is blank or too long. */
    static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw ApiException.invalidField(field, "must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    static List<String> words(String text) {
        return Arrays.stream(SPACES.split(text)).filter(word -> !word.isEmpty()).toList();
    }
}
