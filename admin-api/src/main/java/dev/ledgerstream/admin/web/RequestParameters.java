package dev.ledgerstream.admin.web;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Parses the admin API's path and query parameters strictly, each failure a 400 problem naming the
 * parameter: community ids are UUIDs, times RFC 3339 with an offset, limits and day counts bounded.
 */
public final class RequestParameters {

    private RequestParameters() {
    }

    /** A community id from the path: a UUID in 8-4-4-4-12 form, any case. */
    public static UUID communityId(String text) {
        if (!CommunityId.isValid(text)) {
            throw ApiProblem.invalidParameter("id", "must be a community id (UUID)");
        }
        return UUID.fromString(text);
    }

    /** An RFC 3339 time such as {@code 2026-11-20T12:00:00Z}, or null when absent. */
    public static Instant time(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidParameter(parameter, "must be an RFC 3339 time, e.g. 2026-11-20T12:00:00Z");
        }
    }

    /** An integer within {@code [min, max]}, or {@code fallback} when absent. */
    public static int bounded(String parameter, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like any value out of range
        }
        throw ApiProblem.invalidParameter(parameter, "must be an integer from " + min + " to " + max);
    }
}
