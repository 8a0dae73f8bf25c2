package dev.ledgerstream.ingest.usage;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.servicekit.web.ApiProblem.FieldError;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a usage request body (one event, or {@code {"events": [...]}} with 1 to the configured
 * maximum) into validated records, all or nothing: any invalid event rejects the whole request
 * with one error per bad field, each with a JSON Pointer (SPEC 3.2).
 */
final class UsageRequestParser {

    /** Usage bodies are flat: an envelope, an array, events. Anything deeper is not ours. */
    private static final int MAX_DEPTH = 8;

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static final Set<String> ENVELOPE_FIELDS = Set.of("events");

    private final int maxEvents;
    private final long maxAmountMicro;

    UsageRequestParser(UsageLimits limits) {
        this.maxEvents = limits.maxEvents();
        this.maxAmountMicro = limits.maxAmountMicro();
    }

    /** The events of the request, with {@code receivedAt} and {@code publisher} filled in. */
    List<UsageFinalizationReceived> parse(byte[] body, Instant receivedAt, String publisher) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw ApiProblem.invalid("the body must be a JSON object",
                    List.of(new FieldError("", "expected an event object or {\"events\": [...]}")));
        }
        if (!root.has("events")) {
            return List.of(validOrThrow(List.of(root), "", receivedAt, publisher).get(0));
        }
        for (String name : root.propertyNames()) {
            if (!ENVELOPE_FIELDS.contains(name)) {
                throw ApiProblem.invalid("the batch envelope has an unknown field",
                        List.of(new FieldError("/" + name, "unknown field")));
            }
        }
        JsonNode events = root.get("events");
        if (!events.isArray() || events.isEmpty() || events.size() > maxEvents) {
            throw ApiProblem.invalid("a batch holds 1 to " + maxEvents + " events",
                    List.of(new FieldError("/events", "must be an array of 1 to " + maxEvents + " events")));
        }
        List<JsonNode> list = new ArrayList<>(events.size());
        events.forEach(list::add);
        return validOrThrow(list, "/events/", receivedAt, publisher);
    }

    private static JsonNode readTree(byte[] body) {
        try {
            return STRICT.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private List<UsageFinalizationReceived> validOrThrow(
            List<JsonNode> events, String prefix, Instant receivedAt, String publisher) {
        List<FieldError> errors = new ArrayList<>();
        List<UsageFinalizationReceived> valid = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String pointer = prefix.isEmpty() ? "" : prefix + i;
            UsageEventFields fields = new UsageEventFields(events.get(i), pointer, errors, maxAmountMicro);
            UsageFinalizationReceived event = fields.toRecord(receivedAt, publisher);
            if (event != null) {
                valid.add(event);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors.size() + " invalid field(s); nothing was accepted", errors);
        }
        return valid;
    }

    /** The community every event names, for the token's {@code community_id} restriction. */
    static Set<CommunityId> communities(List<UsageFinalizationReceived> events) {
        Set<CommunityId> communities = new java.util.TreeSet<>();
        events.forEach(event -> communities.add(new CommunityId(event.communityId())));
        return communities;
    }
}
