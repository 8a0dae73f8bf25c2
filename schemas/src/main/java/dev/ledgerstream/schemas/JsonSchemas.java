package dev.ledgerstream.schemas;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Validates records against the JSON Schemas in {@code schemas/src/main/resources/schemas}. Format
 * keywords ({@code date-time}, {@code uuid}) are asserted, not just annotated, so an invalid
 * timestamp is an invalid record.
 */
public final class JsonSchemas {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /**
     * The violations of {@code record} against schema {@code schemaName} (a file name without
     * {@code .json}); empty when valid.
     */
    public static List<String> violations(String schemaName, JsonNode record) {
        Schema schema = LOADED.computeIfAbsent(schemaName, JsonSchemas::load);
        return schema.validate(record, context ->
                        context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private static Schema load(String schemaName) {
        String resource = "/schemas/" + schemaName + ".json";
        try (InputStream in = JsonSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no JSON Schema named " + schemaName);
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
