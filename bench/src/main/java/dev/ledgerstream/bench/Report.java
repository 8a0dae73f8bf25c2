package dev.ledgerstream.bench;

import java.util.List;
import java.util.Locale;

/** The run as Markdown: the figures table, how the HTTP path compares with the raw producer, the machine. */
final class Report {

    private Report() {
    }

    static String table(List<Measurement> results) {
        StringBuilder out = new StringBuilder()
                .append("| scenario | threads | requests/s | events/s | p50 ms | p99 ms | max ms | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %d |%n",
                    m.scenario(), m.threads(), rate(m.requestsPerSecond()), rate(m.eventsPerSecond()),
                    m.latency() == null ? "–" : millis(m.latency().p50Nanos()),
                    m.latency() == null ? "–" : millis(m.latency().p99Nanos()),
                    m.latency() == null ? "–" : millis(m.latency().maxNanos()),
                    m.errors()));
        }
        return out.toString();
    }

    /** One line comparing an HTTP scenario's events/s with a raw producer scenario's. */
    static String ratio(String what, Measurement http, Measurement raw) {
        return String.format(Locale.ROOT, "- %s: %s of %s (%s vs %s events/s)%n", what,
                percent(http.eventsPerSecond() / raw.eventsPerSecond()), raw.scenario(),
                rate(http.eventsPerSecond()), rate(raw.eventsPerSecond()));
    }

    static String errors(List<Measurement> results) {
        StringBuilder out = new StringBuilder();
        for (Measurement m : results) {
            if (m.errors() > 0) {
                out.append("- ").append(m.scenario()).append(": ").append(m.errors())
                        .append(" errors, first: ").append(m.firstError()).append('\n');
            }
        }
        return out.toString();
    }

    private static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
