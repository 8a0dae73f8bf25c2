package dev.ledgerstream.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CsvRowsTest {

    @Test
    void null_is_an_unquoted_empty_field_and_an_empty_string_stays_an_empty_string() {
        // when
        String csv = encode(new Object[] {null, "", 7L});

        // then
        assertThat(csv).isEqualTo(",\"\",7\n");
    }

    @Test
    void quotes_commas_line_breaks_and_the_end_of_data_marker_are_data() {
        // when
        String csv = encode(new Object[] {"a \"quoted\", value\nwith a line\n\\.\n"});

        // then
        assertThat(csv).isEqualTo("\"a \"\"quoted\"\", value\nwith a line\n\\.\n\"\n");
    }

    @Test
    void numbers_times_bytes_and_json_have_their_postgresql_forms() {
        // when
        String csv = encode(new Object[] {Long.MAX_VALUE, 3, Instant.parse("2026-11-01T00:00:00.123Z"),
            new byte[] {0, (byte) 0xff}, new Row.Jsonb("{\"a\":\"b\"}"), "ünïcødé"});

        // then
        assertThat(csv).isEqualTo("9223372036854775807,3,2026-11-01T00:00:00.123Z,\\x00ff,\"{\"\"a\"\":\"\"b\"\"}\",\"ünïcødé\"\n");
    }

    @Test
    void a_value_of_another_type_is_a_programming_error() {
        // when / then
        assertThatThrownBy(() -> encode(new Object[] {1.5d})).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(Object[] values) {
        return new String(CsvRows.encode(List.of(new Row(null, values))), StandardCharsets.UTF_8);
    }
}
