package org.openbili.common.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.openbili.common.problem.ApiException;

/**
 * Opaque keyset cursors: a few numbers (for example a sort key and an id) in a URL-safe token. Clients pass
 * them back untouched; a token that was not made here is a 400, never a 500.
 */
public final class Cursor {

    private Cursor() {}

    public static String encode(long... keys) {
        StringBuilder text = new StringBuilder();
        for (long key : keys) {
            if (!text.isEmpty()) {
                text.append(':');
            }
            text.append(Long.toString(key, 36));
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The keys of a cursor, or null when there is none (the first page). */
    public static long[] decode(String cursor, int keyCount) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = text.split(":", -1);
            if (parts.length != keyCount) {
                throw invalid();
            }
            long[] keys = new long[keyCount];
            for (int i = 0; i < keyCount; i++) {
                keys[i] = Long.parseLong(parts[i], 36);
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The page size a client asked for, defaulted and checked against {@link CursorPage#MAX_SIZE}. */
    public static int size(Integer requested) {
        if (requested == null) {
            return CursorPage.DEFAULT_SIZE;
        }
        if (requested < 1 || requested > CursorPage.MAX_SIZE) {
            throw ApiException.badRequest("INVALID_PAGE_SIZE", "size must be between 1 and " + CursorPage.MAX_SIZE)
                    .withField("size", "must be between 1 and " + CursorPage.MAX_SIZE);
        }
        return requested;
    }

    private static ApiException invalid() {
        return ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this list handed out.")
                .withField("cursor", "is not valid");
    }
}
