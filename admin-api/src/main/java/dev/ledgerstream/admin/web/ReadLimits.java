package dev.ledgerstream.admin.web;

import java.time.Duration;

/**
 * The bounds every read respects, from {@code AdminProperties}: page sizes, window lengths and the
 * size of open-ended breakdowns. A request beyond a bound is a 400, never an unbounded read.
 *
 * @param pageDefaultLimit  items of a page when {@code limit} is not given
 * @param pageMaxLimit      the largest {@code limit}
 * @param recentRows        rows of the "recent" sections of the summaries
 * @param breakdownMaxRows  most rows of an open-ended breakdown or list inside a summary
 * @param usageDefaultDays  the usage window when {@code from} is not given
 * @param maxWindowDays     the longest usage window
 * @param exportDefaultDays the export's {@code days} when not given
 * @param exportMaxDays     the largest {@code days} of the export
 * @param burnWindowDays    the trailing window of the burn rate
 * @param exportFetchSize   rows the export fetches from its database cursor at a time
 */
public record ReadLimits(int pageDefaultLimit, int pageMaxLimit, int recentRows, int breakdownMaxRows,
        int usageDefaultDays, int maxWindowDays, int exportDefaultDays, int exportMaxDays, int burnWindowDays, int exportFetchSize) {

    /** The {@code limit} query parameter of a list, bounded. */
    public int pageLimit(String text) {
        return RequestParameters.bounded("limit", text, pageDefaultLimit, 1, pageMaxLimit);
    }

    public Duration usageDefaultWindow() {
        return Duration.ofDays(usageDefaultDays);
    }

    public Duration maxWindow() {
        return Duration.ofDays(maxWindowDays);
    }

    public Duration burnWindow() {
        return Duration.ofDays(burnWindowDays);
    }
}
