package dev.ledgerstream.ingest.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CanonicalJsonTest {

    private static JsonValue parse(String json) {
        return StrictJsonParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Java string value, and JSON.stringify's output for it in Node.js 20. */
    static Stream<Arguments> string_escapes() {
        return Stream.of(
                Arguments.of("\"", "\"\\\"\""),
                Arguments.of("\\", "\"\\\\\""),
                Arguments.of("/", "\"/\""),
                Arguments.of("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
                Arguments.of("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\""),
                Arguments.of("\u007f", "\"\u007f\""),
                Arguments.of("\u00ad\u2028\u2029", "\"\u00ad\u2028\u2029\""),
                Arguments.of("<>&'", "\"<>&'\""),
                Arguments.of("é—€", "\"é—€\""),
                Arguments.of("\uD83D\uDE00", "\"\uD83D\uDE00\""),
                Arguments.of("\uD800", "\"\\ud800\""),
                Arguments.of("\uDC00", "\"\\udc00\""),
                Arguments.of("\uDE00\uD83D", "\"\\ude00\\ud83d\""),
                Arguments.of("a\uDBFFb", "\"a\\udbffb\""));
    }

    @ParameterizedTest
    @MethodSource("string_escapes")
    void escapes_strings_exactly_as_json_stringify(String value, String expected) {
        // given
        StringBuilder out = new StringBuilder();
        // when
        CanonicalJson.writeString(value, out);
        // then
        assertThat(out.toString()).isEqualTo(expected);
    }

    @Test
    void sorts_keys_at_every_depth_by_utf16_code_units_and_keeps_array_order() {
        // given keys where code-unit order differs from code-point order ("😀" is D83D DE00)
        String json = "{\"b\":1,\"a\":{\"z\":[3,{\"y\":1,\"x\":2}],\"Z\":0,\"é\":1,\"\uffff\":1,\"😀\":1}}";
        // when
        String canonical = CanonicalJson.canonical(parse(json));
        // then
        assertThat(canonical).isEqualTo("{\"a\":{\"Z\":0,\"z\":[3,{\"x\":2,\"y\":1}],\"é\":1,\"😀\":1,\"\uffff\":1},\"b\":1}");
    }

    @Test
    void removes_whitespace_and_rewrites_numbers_and_escapes() {
        // given
        String json = " { \"n\" : [ 1.50 , 4.5e-06 , -0 , 1E21 ] , \"s\" : \"\\u0041\\/\\u00e9\" } ";
        // when
        String canonical = CanonicalJson.canonical(parse(json));
        // then
        assertThat(canonical).isEqualTo("{\"n\":[1.5,0.0000045,0,1e+21],\"s\":\"A/é\"}");
    }

    @Test
    void docs_sample_form_turns_arrays_into_index_keyed_objects() {
        // given the fixture's array, an empty array and arrays nested in arrays
        String json = "{\"payment_extra_ids\":[5513339153],\"e\":[],\"m\":[[1,[2]],{\"b\":null,\"a\":\"x\"}]}";
        // when
        String docsSample = CanonicalJson.docsSample(parse(json));
        // then
        assertThat(docsSample).isEqualTo(
                "{\"e\":{},\"m\":{\"0\":{\"0\":1,\"1\":{\"0\":2}},\"1\":{\"a\":\"x\",\"b\":null}},"
                        + "\"payment_extra_ids\":{\"0\":5513339153}}");
    }

    @Test
    void docs_sample_form_lists_index_keys_numerically_first_as_javascript_objects_do() {
        // given an array of eleven elements, and an object mixing index-like and other keys;
        // node: JSON.stringify(sortObject(...)) puts "2" before "10", and "4294967295" (not an
        // array index) and "01" (not canonical) among the ordinary keys
        String json = "{\"a\":[0,1,2,3,4,5,6,7,8,9,10],"
                + "\"o\":{\"b\":1,\"4294967295\":1,\"4294967294\":1,\"10\":1,\"2\":1,\"01\":1,\"-1\":1}}";
        // when
        String docsSample = CanonicalJson.docsSample(parse(json));
        // then
        assertThat(docsSample).isEqualTo("{\"a\":{\"0\":0,\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,"
                + "\"7\":7,\"8\":8,\"9\":9,\"10\":10},"
                + "\"o\":{\"2\":1,\"10\":1,\"4294967294\":1,\"-1\":1,\"01\":1,\"4294967295\":1,\"b\":1}}");
    }

    @Test
    void canonical_form_sorts_index_like_keys_as_strings() {
        // given
        String json = "{\"10\":1,\"2\":1,\"b\":1}";
        // when
        String canonical = CanonicalJson.canonical(parse(json));
        // then
        assertThat(canonical).isEqualTo("{\"10\":1,\"2\":1,\"b\":1}");
    }

    @Test
    void docs_sample_form_equals_the_canonical_form_for_a_body_without_arrays() {
        // given
        JsonValue body = parse("{\"z\":{\"b\":2,\"a\":1},\"a\":\"é\"}");
        // when / then
        assertThat(CanonicalJson.docsSample(body)).isEqualTo(CanonicalJson.canonical(body));
    }

    @Test
    void docs_sample_form_keeps_a_proto_member_signed() {
        // given a key the JavaScript sample would drop from what it signs
        JsonValue body = parse("{\"__proto__\":{\"x\":1},\"a\":[1]}");
        // when
        String docsSample = CanonicalJson.docsSample(body);
        // then
        assertThat(docsSample).isEqualTo("{\"__proto__\":{\"x\":1},\"a\":{\"0\":1}}");
    }
}
