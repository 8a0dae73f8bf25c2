package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.schemas.LedgerJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * JSON for what only this application writes and reads: state stores and their changelogs.
 * Same mapping as the topics ({@link LedgerJson}), without a published schema, because these
 * shapes are internal and change with the application.
 */
public final class InternalJsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    public InternalJsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : LedgerJson.mapper().writeValueAsBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return LedgerJson.mapper().readValue(bytes, type);
            } catch (JacksonException | IllegalArgumentException e) {
                throw new SerializationException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
