package dev.ledgerstream.schemas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ledgerstream.schemas.JsonSchemas;
import dev.ledgerstream.schemas.LedgerJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The usage field rules are declared once, in {@link UsageFinalizationReceived}: the topic's JSON
 * Schema must accept and refuse exactly what the record accepts and refuses, at every boundary.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageFieldRulesTest {

    private static final String SCHEMA = "usage.finalizations.v1";
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    /** Each text field with its longest allowed length and whether it may be empty. */
    private static final Map<String, Integer> LONGEST = Map.of(
            "finalization_id", UsageFinalizationReceived.FINALIZATION_ID_MAX_LENGTH,
            "pool_id", UsageFinalizationReceived.POOL_ID_MAX_LENGTH,
            "nft_id", UsageFinalizationReceived.NFT_ID_MAX_LENGTH,
            "reservation_id", UsageFinalizationReceived.RESERVATION_ID_MAX_LENGTH);

    @Test
    void the_schema_and_the_record_agree_on_every_length_boundary() {
        LONGEST.forEach((field, longest) -> {
            for (int length : List.of(0, 1, longest, longest + 1)) {
                // given
                ObjectNode event = valid();
                event.put(field, "x".repeat(length));

                // when
                boolean schemaAccepts = JsonSchemas.violations(SCHEMA, event).isEmpty();
                boolean recordAccepts = recordAccepts(event);

                // then
                assertThat(schemaAccepts).as(field + " of " + length + " characters: the schema").isEqualTo(recordAccepts);
            }
            // and the longest is accepted, one more is not
            ObjectNode atLimit = valid();
            atLimit.put(field, "x".repeat(longest));
            ObjectNode overLimit = valid();
            overLimit.put(field, "x".repeat(longest + 1));
            assertThat(recordAccepts(atLimit)).as(field + " at its limit").isTrue();
            assertThat(recordAccepts(overLimit)).as(field + " over its limit").isFalse();
        });
    }

    @Test
    void the_schema_and_the_record_agree_on_finalization_id_characters_and_control_characters() {
        for (Map.Entry<String, String> value : Map.of("finalization_id", "a b", "pool_id", "cheap\u0000",
                "nft_id", "nft\u0085", "reservation_id", "r\u001f", "publisher", "p\u007f").entrySet()) {
            // given
            ObjectNode event = valid();
            event.put(value.getKey(), value.getValue());

            // when / then
            assertThat(JsonSchemas.violations(SCHEMA, event)).as(value.getKey()).isNotEmpty();
            assertThat(recordAccepts(event)).as(value.getKey()).isFalse();
        }
    }

    private static ObjectNode valid() {
        UsageFinalizationReceived usage = new UsageFinalizationReceived("f-1", "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60",
                "cheap", "nft-1", 10, 20, 1_000, "r-1", 2_000L, AT, AT, "publisher");
        ObjectNode event = LedgerJson.mapper().valueToTree(usage);
        assertThat(JsonSchemas.violations(SCHEMA, event)).isEmpty();
        return event;
    }

    private static boolean recordAccepts(ObjectNode event) {
        return catchThrowable(() -> LedgerJson.mapper().treeToValue(event, UsageFinalizationReceived.class)) == null;
    }
}
