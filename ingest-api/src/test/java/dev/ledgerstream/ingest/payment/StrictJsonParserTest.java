package dev.ledgerstream.ingest.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ingest.payment.JsonValue.JsonArray;
import dev.ledgerstream.ingest.payment.JsonValue.JsonBoolean;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNull;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNumber;
import dev.ledgerstream.ingest.payment.JsonValue.JsonObject;
import dev.ledgerstream.ingest.payment.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StrictJsonParserTest {

    private static JsonValue parse(String json) {
        return StrictJsonParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void keeps_members_in_source_order_and_numbers_as_their_source_text() {
        // given
        String json = " {\"b\": 4.50e-06, \"a\": [true, false, null, \"x\"], \"c\": -0} \n";
        // when
        JsonValue value = parse(json);
        // then
        JsonObject object = (JsonObject) value;
        assertThat(object.members()).extracting(JsonValue.Member::key).containsExactly("b", "a", "c");
        assertThat(object.get("b")).contains(new JsonNumber("4.50e-06"));
        assertThat(object.get("c")).contains(new JsonNumber("-0"));
        assertThat(object.get("a")).contains(new JsonArray(java.util.List.of(
                new JsonBoolean(true), new JsonBoolean(false), JsonNull.INSTANCE, new JsonString("x"))));
    }

    @Test
    void parses_scalars_and_empty_containers_at_the_top_level() {
        // given / when / then
        assertThat(parse("\"s\"")).isEqualTo(new JsonString("s"));
        assertThat(parse("0")).isEqualTo(new JsonNumber("0"));
        assertThat(parse("null")).isEqualTo(JsonNull.INSTANCE);
        assertThat(parse("{}")).isEqualTo(new JsonObject(java.util.List.of()));
        assertThat(parse("[ ]")).isEqualTo(new JsonArray(java.util.List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"a\":1}",
        "{\"x\":{\"y\":[{\"k\":1,\"j\":2,\"k\":3}]}}",
        "[[{\"deep\":{\"a\":1,\"b\":2,\"a\":3}}]]",
        "{\"a\":1,\"\\u0061\":2}",
    })
    void rejects_a_duplicated_key_at_any_depth(String json) {
        // given a body with a repeated key, however it is spelled
        // when / then
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("duplicate object key");
    }

    @Test
    void accepts_the_same_key_in_different_objects() {
        // given
        String json = "{\"a\":{\"a\":1},\"b\":{\"a\":2}}";
        // when / then
        assertThat(parse(json)).isInstanceOf(JsonObject.class);
    }

    @Test
    void accepts_nesting_of_exactly_32_levels() {
        // given
        String json = "[".repeat(31) + "{\"a\":1}" + "]".repeat(31);
        // when
        JsonValue value = parse(json);
        // then
        assertThat(value).isInstanceOf(JsonArray.class);
    }

    @Test
    void rejects_nesting_of_33_levels() {
        // given
        String json = "[".repeat(32) + "{\"a\":1}" + "]".repeat(32);
        // when / then
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("nesting deeper than 32");
    }

    @Test
    void rejects_pathological_nesting_cleanly_without_overflowing_the_stack() {
        // given 60,000 opening brackets and nothing else, as in fixture 16
        String json = "[".repeat(60_000);
        // when / then
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "}", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}", "[1]x", "{} {}",
        "[01]", "[-]", "[-01]", "[1.]", "[.5]", "[1e]", "[1e+]", "[+1]", "[0x10]", "[NaN]", "[Infinity]",
        "[-Infinity]", "[1] // comment", "/* c */ [1]", "[tru]", "[nul]", "[True]", "\"unterminated",
        "[\"\\x41\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\\"]", "\u00a0[1]", "\ufeff[1]", "[1]\u000b",
    })
    void rejects_text_outside_rfc_8259(String json) {
        // given / when / then
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void rejects_a_raw_control_character_inside_a_string() {
        // given a literal tab and a literal newline
        String[] bodies = {"[\"a\tb\"]", "[\"a\nb\"]", "[\"\u0000\"]"};
        // when / then
        for (String body : bodies) {
            assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedJsonException.class);
        }
    }

    @Test
    void rejects_a_number_that_overflows_to_infinity() {
        // given a number JavaScript would read as Infinity and write as null
        String json = "{\"amount\":1e309}";
        // when / then
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("out of the double range");
    }

    @Test
    void decodes_every_escape_including_surrogate_pairs_and_lone_surrogates() {
        // given
        String json = "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\uD83D\\uDE00\\ud800x\\uDC00\"]";
        // when
        JsonArray array = (JsonArray) parse(json);
        // then
        assertThat(array.elements()).containsExactly(
                new JsonString("\"\\/\b\f\n\r\tA\u00e9\uD83D\uDE00\uD800x\uDC00"));
    }

    @Test
    void keeps_raw_non_ascii_text_as_sent() {
        // given
        String json = "[\"Crédits — pack 😀\"]";
        // when
        JsonArray array = (JsonArray) parse(json);
        // then
        assertThat(array.elements()).containsExactly(new JsonString("Crédits — pack 😀"));
    }

    @Test
    void rejects_invalid_utf8() {
        // given: a truncated sequence, an overlong '/', a UTF-16 surrogate encoded in UTF-8,
        // a stray continuation byte, a byte never used in UTF-8, and a code point above U+10FFFF
        byte[][] bodies = {
            bytes('[', '"', 0xC3, 0x28, '"', ']'),
            bytes('[', '"', 0xC0, 0xAF, '"', ']'),
            bytes('[', '"', 0xED, 0xA0, 0x80, '"', ']'),
            bytes('[', '"', 0xED, 0xBF, 0xBF, '"', ']'),
            bytes('[', '"', 0x80, '"', ']'),
            bytes('[', '"', 0xFF, '"', ']'),
            bytes('[', '"', 0xF4, 0x90, 0x80, 0x80, '"', ']'),
            bytes('[', '"', 0xE2, 0x82, '"', ']'),
        };
        for (byte[] body : bodies) {
            // when / then
            assertThatThrownBy(() -> StrictJsonParser.parse(body))
                    .isInstanceOf(MalformedJsonException.class)
                    .hasMessageContaining("invalid UTF-8 at byte 2");
        }
    }

    @Test
    void error_messages_locate_the_problem_without_quoting_the_body() {
        // given a duplicated key whose name is attacker-chosen
        String json = "{\"<script>\":1,\"<script>\":2}";
        // when / then
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("Malformed JSON at character 14: duplicate object key");
    }
}
