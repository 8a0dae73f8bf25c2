package dev.ledgerstream.schemas;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The value serde of one topic: JSON via {@link LedgerJson}, validated against the topic's JSON
 * Schema in both directions, so that nothing invalid is written and an invalid record read from a
 * topic surfaces as a {@link SerializationException} (which the consumers dead-letter).
 *
 * <p>Schema validation belongs where trust changes: where foreign bytes enter (the ingest API's
 * output, the sink's and the reconcile tool's reads, dead letters). Between two of our own
 * components on the hot path (the stream processors reading the raw topics the ingest API
 * validated, and writing the ledger topics the sink validates) {@link #unvalidated()} skips it;
 * the records' compact constructors still reject impossible values, and a test proves that every
 * record the stream processors write validates.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final String schemaName;
    private final boolean validating;

    public JsonSerde(Class<T> type, String schemaName) {
        this(type, schemaName, true);
    }

    private JsonSerde(Class<T> type, String schemaName, boolean validating) {
        this.type = type;
        this.schemaName = schemaName;
        this.validating = validating;
    }

    /** The same mapping without the schema check, for our own components' hot path (see above). */
    public JsonSerde<T> unvalidated() {
        return new JsonSerde<>(type, schemaName, false);
    }

    public Class<T> type() {
        return type;
    }

    public String schemaName() {
        return schemaName;
    }

    /** Serializes and validates; throws {@link SerializationException} for a schema violation. */
    public byte[] toBytes(T value) {
        if (!validating) {
            return LedgerJson.mapper().writeValueAsBytes(value);
        }
        JsonNode tree = LedgerJson.mapper().valueToTree(value);
        requireValid(tree);
        return LedgerJson.mapper().writeValueAsBytes(tree);
    }

    /** Parses and validates; throws {@link SerializationException} for bad JSON or a violation. */
    public T fromBytes(byte[] bytes) {
        try {
            if (!validating) {
                return LedgerJson.mapper().readValue(bytes, type);
            }
            JsonNode tree = LedgerJson.mapper().readTree(bytes);
            requireValid(tree);
            return LedgerJson.mapper().treeToValue(tree, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new SerializationException("not a valid " + schemaName + " record: " + e.getMessage(), e);
        }
    }

    private void requireValid(JsonNode tree) {
        List<String> violations = JsonSchemas.violations(schemaName, tree);
        if (!violations.isEmpty()) {
            throw new SerializationException("record violates schema " + schemaName + ": " + violations);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
