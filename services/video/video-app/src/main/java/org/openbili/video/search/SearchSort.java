package org.openbili.video.search;

import java.util.Locale;
import org.openbili.common.problem.ApiException;

/** The orders a result list can take. */
enum SearchSort {
    RELEVANCE,
    NEW,
    VIEWS;

    static SearchSort parse(String value) {
        if (value == null || value.isBlank()) {
            return RELEVANCE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("sort", "must be one of relevance, new, views");
        }
    }
}
