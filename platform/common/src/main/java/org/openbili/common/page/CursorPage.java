package org.openbili.common.page;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: {@code {"items":[…],"nextCursor":"…"|null}}.
 *
 * @param nextCursor opaque; null on the last page
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 50;

    /**
     * Builds a page from rows fetched with {@code LIMIT size + 1}: the extra row only tells that another page
     * exists, and the cursor points after the last row shown.
     */
    public static <T> CursorPage<T> of(List<T> fetched, int size, Function<T, String> cursorOf) {
        if (fetched.size() <= size) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> shown = List.copyOf(fetched.subList(0, size));
        return new CursorPage<>(shown, cursorOf.apply(shown.get(size - 1)));
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
    }

    public static <T> CursorPage<T> empty() {
        return new CursorPage<>(List.of(), null);
    }
}
