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
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final String schemaName;

    public JsonSerde(Class<T> type, String schemaName) {
        this.type = type;
        this.schemaName = schemaName;
    }

    public Class<T> type() {
        return type;
    }

    public String schemaName() {
        return schemaName;
    }

    /** Serializes and validates; throws {@link SerializationException} for a schema violation. */
    public byte[] toBytes(T value) {
        JsonNode tree = LedgerJson.mapper().valueToTree(value);
        requireValid(tree);
        return LedgerJson.mapper().writeValueAsBytes(tree);
    }

    /** Parses and validates; throws {@link SerializationException} for bad JSON or a violation. */
    public T fromBytes(byte[] bytes) {
        try {
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
