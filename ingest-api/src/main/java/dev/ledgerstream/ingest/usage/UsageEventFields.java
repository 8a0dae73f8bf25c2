package dev.ledgerstream.ingest.usage;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ControlCharacters;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.servicekit.web.ApiProblem.FieldError;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks the fields of one usage event (SPEC 3.2), adding a {@link FieldError} with a
 * JSON Pointer for each problem instead of stopping at the first, so the sender can fix a whole
 * batch at once.
 */
final class UsageEventFields {

    private static final Set<String> KNOWN = Set.of("finalization_id", "community_id", "pool_id", "nft_id",
            "tokens_input", "tokens_output", "amount_micro", "reservation_id", "reserved_micro", "occurred_at");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonNode event;
    private final String pointer;
    private final List<FieldError> errors;
    private final int errorsBefore;
    private final long maxAmountMicro;

    UsageEventFields(JsonNode event, String pointer, List<FieldError> errors, long maxAmountMicro) {
        this.event = event;
        this.pointer = pointer;
        this.errors = errors;
        this.errorsBefore = errors.size();
        this.maxAmountMicro = maxAmountMicro;
    }

    /** The record, or null when this event had errors (they were added to the list). */
    UsageFinalizationReceived toRecord(Instant receivedAt, String publisher) {
        if (!event.isObject()) {
            errors.add(new FieldError(pointer, "an event must be a JSON object"));
            return null;
        }
        for (String name : event.propertyNames()) {
            if (!KNOWN.contains(name)) {
                errors.add(new FieldError(pointer + "/" + name, "unknown field"));
            }
        }
        String finalizationId = text("finalization_id", true, UsageFinalizationReceived.FINALIZATION_ID_MAX_LENGTH);
        if (finalizationId != null && !UsageFinalizationReceived.isFinalizationId(finalizationId)) {
            fail("finalization_id", "must be 1-" + UsageFinalizationReceived.FINALIZATION_ID_MAX_LENGTH
                    + " characters of [A-Za-z0-9._:-]");
        }
        String communityId = text("community_id", true, 36);
        if (communityId != null && !CommunityId.isValid(communityId)) {
            fail("community_id", "must be a UUID");
        }
        String poolId = text("pool_id", true, UsageFinalizationReceived.POOL_ID_MAX_LENGTH);
        String nftId = text("nft_id", false, UsageFinalizationReceived.NFT_ID_MAX_LENGTH);
        Long tokensInput = integer("tokens_input", true, false);
        Long tokensOutput = integer("tokens_output", true, false);
        Long amountMicro = integer("amount_micro", true, true);
        String reservationId = text("reservation_id", false, UsageFinalizationReceived.RESERVATION_ID_MAX_LENGTH);
        Long reservedMicro = integer("reserved_micro", false, true);
        Instant occurredAt = timestamp("occurred_at");
        if (occurredAt != null && !UsageFinalizationReceived.occurredWithinWindow(occurredAt, receivedAt)) {
            fail("occurred_at", "must be from " + UsageFinalizationReceived.EARLIEST_OCCURRED_AT + " to "
                    + UsageFinalizationReceived.MAX_OCCURRED_AHEAD.toDays() + " days after the event is received");
        }
        if (amountMicro != null && amountMicro > maxAmountMicro) {
            fail("amount_micro", "must be at most " + maxAmountMicro + " micro-credits for one event");
        } else if (amountMicro != null && reservedMicro != null && amountMicro > reservedMicro) {
            fail("amount_micro", "must not exceed reserved_micro (I-10)");
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new UsageFinalizationReceived(finalizationId, CommunityId.parse(communityId).value(), poolId, nftId,
                tokensInput, tokensOutput, amountMicro, reservationId, reservedMicro, occurredAt, receivedAt, publisher);
    }

    private String text(String field, boolean required, int maxLength) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            fail(field, "must be a string");
            return null;
        }
        String value = node.stringValue();
        if (value.isEmpty() || value.length() > maxLength) {
            fail(field, "must be 1 to " + maxLength + " characters");
            return null;
        }
        if (ControlCharacters.in(value)) {
            fail(field, "must not contain control characters (U+0000 to U+001F, U+007F to U+009F)");
            return null;
        }
        return value;
    }

    /** An integer ≥ 0 that fits a signed 64-bit long; money may also come as a digit string. */
    private Long integer(String field, boolean required, boolean digitStringAllowed) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (digitStringAllowed && node.isString() && DIGITS.matcher(node.stringValue()).matches()) {
            value = new BigInteger(node.stringValue());
        } else {
            fail(field, digitStringAllowed ? "must be an integer or a string of digits" : "must be an integer");
            return null;
        }
        if (value.signum() < 0 || value.compareTo(LONG_MAX) > 0) {
            fail(field, "must be between 0 and 9223372036854775807");
            return null;
        }
        return value.longValueExact();
    }

    private Instant timestamp(String field) {
        String text = text(field, true, 64);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            fail(field, "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T10:15:30Z");
            return null;
        }
    }

    private void fail(String field, String message) {
        errors.add(new FieldError(pointer + "/" + field, message));
    }
}
