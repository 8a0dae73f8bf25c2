package dev.ledgerstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control-character rule says the same in its three places: {@link ControlCharacters#in}, the
 * record's constructor, and the pattern of the {@code usage.finalizations.v1} schema, for every
 * character up to U+02FF and some beyond, in each free-text field.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ControlCharactersTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
    private static final List<String> FIELDS = List.of("pool_id", "nft_id", "reservation_id", "publisher");

    @Test
    void the_check_the_constructor_and_the_schema_refuse_exactly_the_control_characters() {
        List<Integer> characters = IntStream.concat(IntStream.range(0, 0x300),
                IntStream.of(0x2028, 0x2029, 0xfeff, 0xfffd, 0x1f600)).boxed().toList();
        for (int codePoint : characters) {
            String text = "a" + Character.toString(codePoint) + "b";
            boolean control = codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
            assertThat(ControlCharacters.in(text)).as("U+%04X", codePoint).isEqualTo(control);
            for (String field : FIELDS) {
                assertThat(JsonSchemas.violations(Topics.USAGE_FINALIZATIONS.name(), withField(field, text)))
                        .as("schema, %s with U+%04X", field, codePoint).hasSize(control ? 1 : 0);
                Throwable refused = catchThrowable(() -> usage(field, text));
                if (control) {
                    assertThat(refused).as("constructor, %s with U+%04X", field, codePoint)
                            .isInstanceOf(IllegalArgumentException.class);
                } else {
                    assertThat(refused).as("constructor, %s with U+%04X", field, codePoint).isNull();
                }
            }
        }
        assertThat(ControlCharacters.in(null)).isFalse();
        assertThat(ControlCharacters.in("")).isFalse();
    }

    private static JsonNode withField(String field, String text) {
        byte[] bytes = Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(usage(null, null));
        ObjectNode record = (ObjectNode) LedgerJson.mapper().readTree(bytes);
        return record.put(field, text);
    }

    private static UsageFinalizationReceived usage(String field, String text) {
        return new UsageFinalizationReceived("fin-1", "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60",
                "pool_id".equals(field) ? text : "cheap", "nft_id".equals(field) ? text : "nft-7", 1, 1, 5,
                "reservation_id".equals(field) ? text : "res-1", 10L, AT, AT,
                "publisher".equals(field) ? text : "publisher-1");
    }
}
