package dev.ledgerstream.admin.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, newest first: its items and the cursor of the next page ({@code null} on the
 * last page). Pass {@code limit + 1} rows from the database: the extra row only tells that there
 * is a next page and is not returned.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** The page of {@code limit} items out of up to {@code limit + 1} rows fetched. */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, PageCursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }
}
