package dev.ledgerstream.admin.actions;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /api/v1/admin/actions} into an {@link OperatorAction}, field by
 * field, so that every mistake is a 400 naming the field; the record's constructor is the one
 * place of its rules and its message is passed on.
 *
 * <pre>
 * {"kind": "grant", "idempotency_key": "…", "reason": "…", "community_id": "…", "amount_micro": "5000000",
 *  "expires_at": "2027-01-01T00:00:00Z"}
 * {"kind": "release" | "dismiss", "idempotency_key": "…", "reason": "…", "payment_id": "…"}
 * {"kind": "set_charging_mode", "idempotency_key": "…", "reason": "…", "community_id": "…" (none: every community),
 *  "charging": "live" | "shadow", "minting": "live" | "paused"}
 * </pre>
 */
final class ActionRequests {

    private static final Set<String> FIELDS = Set.of("kind", "idempotency_key", "reason", "community_id", "payment_id",
            "amount_micro", "expires_at", "charging", "minting");
    /** The body is a few short fields; anything much larger is not an action. */
    static final int MAX_BODY_CHARS = 8_192;

    private ActionRequests() {
    }

    static OperatorAction parse(String body, String actor, Instant requestedAt) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.invalidParameter("body", "a JSON object is required");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw ApiProblem.invalidParameter("body", "is longer than " + MAX_BODY_CHARS + " characters");
        }
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.invalidParameter("body", "is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw ApiProblem.invalidParameter("body", "must be a JSON object");
        }
        for (Iterator<String> names = json.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.invalidParameter(name, "is not a field of an action");
            }
        }
        ActionKind kind = kind(text(json, "kind", true));
        String key = text(json, "idempotency_key", true);
        String reason = text(json, "reason", true);
        String community = text(json, "community_id", false);
        String payment = text(json, "payment_id", false);
        if (kind == ActionKind.SET_CHARGING_MODE) {
            return chargingMode(json, key, community, actor, reason, requestedAt);
        }
        for (String field : new String[] {"charging", "minting"}) {
            if (json.has(field)) {
                throw ApiProblem.invalidParameter(field, "only a set_charging_mode names modes");
            }
        }
        if (kind == ActionKind.GRANT) {
            require(community, "community_id", "a grant names its community");
            if (!CommunityId.isValid(community)) {
                throw ApiProblem.invalidParameter("community_id", "must be a UUID");
            }
            community = CommunityId.parse(community).value();
            if (payment != null) {
                throw ApiProblem.invalidParameter("payment_id", "a grant names a community, not a payment");
            }
        } else {
            require(payment, "payment_id", "a " + kind.wireName() + " names its payment");
            try {
                new PaymentId(payment);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidParameter("payment_id", "must be the provider's numeric payment id");
            }
            for (String field : new String[] {"community_id", "amount_micro", "expires_at"}) {
                if (json.has(field)) {
                    throw ApiProblem.invalidParameter(field, "a " + kind.wireName() + " takes only its payment_id");
                }
            }
        }
        Long amount = kind == ActionKind.GRANT ? amount(json) : null;
        Instant expiresAt = kind == ActionKind.GRANT ? instant(text(json, "expires_at", false)) : null;
        try {
            return OperatorAction.of(key, kind, community, payment, amount, expiresAt, actor, reason, requestedAt);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("body", e.getMessage());
        }
    }

    private static ActionKind kind(String text) {
        try {
            return ActionKind.ofWireName(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("kind", "must be grant, release, dismiss or set_charging_mode");
        }
    }

    /** A charging mode for one community, or for every community when {@code community} is null. */
    private static OperatorAction chargingMode(JsonNode json, String key, String community, String actor, String reason,
            Instant requestedAt) {
        if (community != null) {
            if (!CommunityId.isValid(community)) {
                throw ApiProblem.invalidParameter("community_id", "must be a UUID (leave it out for every community)");
            }
            community = CommunityId.parse(community).value();
        }
        for (String field : new String[] {"payment_id", "amount_micro", "expires_at"}) {
            if (json.has(field)) {
                throw ApiProblem.invalidParameter(field, "a set_charging_mode takes community_id, charging and minting");
            }
        }
        ChargingMode charging;
        try {
            charging = ChargingMode.ofWireName(text(json, "charging", true));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("charging", "must be live or shadow");
        }
        MintingMode minting;
        try {
            minting = MintingMode.ofWireName(text(json, "minting", true));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("minting", "must be live or paused");
        }
        try {
            return OperatorAction.chargingMode(key, community, charging, minting, actor, reason, requestedAt);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter("body", e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiProblem.invalidParameter(field, "is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw ApiProblem.invalidParameter(field, "must be a string");
        }
        return value.asString();
    }

    /** An integer or a string of digits (SPEC 7 writes amounts as strings), 1 ≤ x ≤ 2^63−1. */
    private static Long amount(JsonNode json) {
        JsonNode value = json.get("amount_micro");
        if (value == null || value.isNull()) {
            throw ApiProblem.invalidParameter("amount_micro", "a grant needs a positive amount_micro");
        }
        String digits = value.isIntegralNumber() ? value.asString() : value.isString() ? value.asString() : null;
        if (digits == null || !digits.matches("[0-9]{1,19}")) {
            throw ApiProblem.invalidParameter("amount_micro", "must be a positive integer of micro-credits");
        }
        try {
            long amount = Long.parseLong(digits);
            if (amount <= 0) {
                throw ApiProblem.invalidParameter("amount_micro", "must be positive");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidParameter("amount_micro", "must not exceed 9223372036854775807");
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidParameter("expires_at", "must be an RFC 3339 UTC time, e.g. 2027-01-01T00:00:00Z");
        }
    }

    private static void require(String value, String field, String why) {
        if (value == null) {
            throw ApiProblem.invalidParameter(field, why);
        }
    }
}
