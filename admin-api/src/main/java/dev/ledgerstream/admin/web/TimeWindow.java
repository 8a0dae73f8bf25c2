package dev.ledgerstream.admin.web;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time window {@code [from, to)} from the {@code from}/{@code to} query parameters:
 * {@code to} defaults to now, {@code from} to a default length before {@code to}; a window that is
 * empty, inverted or longer than the maximum is a 400.
 */
public record TimeWindow(Instant from, Instant to) {

    /** The open ends of an optional filter: times PostgreSQL's timestamptz holds exactly. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static TimeWindow of(String fromText, String toText, Instant now, Duration defaultLength,
            Duration maxLength) {
        Instant to = RequestParameters.time("to", toText);
        Instant from = RequestParameters.time("from", fromText);
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(defaultLength) : from;
        if (!start.isBefore(end)) {
            throw ApiProblem.invalidParameter("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw ApiProblem.invalidParameter("from", "the window may be at most " + maxLength.toDays() + " days long");
        }
        return new TimeWindow(start, end);
    }

    /** An optional filter: both ends open unless given; never inverted. */
    public static TimeWindow optional(String fromText, String toText) {
        Instant from = RequestParameters.time("from", fromText);
        Instant to = RequestParameters.time("to", toText);
        Instant start = from == null ? EARLIEST : from;
        Instant end = to == null ? LATEST : to;
        if (!start.isBefore(end)) {
            throw ApiProblem.invalidParameter("from", "must be before to");
        }
        return new TimeWindow(start, end);
    }
}
