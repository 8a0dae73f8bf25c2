package dev.ledgerstream.admin.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditFormatTest {

    static final AuditRow AWKWARD = new AuditRow(Instant.parse("2026-11-20T11:59:30.123456Z"), "usage_recorded",
            Long.MAX_VALUE, null, null, "fin-1", "cheap", "nft \"7\", the one\nwith\ttabs\\and\u0001control", 10L, 0L,
            "pass");

    @Test
    void a_csv_field_with_a_comma_quote_or_line_break_is_quoted_with_doubled_quotes() throws IOException {
        // given
        StringWriter out = new StringWriter();

        // when
        AuditFormat.CSV.row(out, AWKWARD);

        // then
        assertThat(out.toString()).isEqualTo("2026-11-20T11:59:30.123456Z,usage_recorded,9223372036854775807,,,fin-1,"
                + "cheap,\"nft \"\"7\"\", the one\nwith\ttabs\\and\u0001control\",10,0,pass\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "=HYPERLINK(\"http://x\")|~\"'=HYPERLINK(\"\"http://x\"\")\"~",
        "+1+1|'+1+1", "-2+3|'-2+3", "@SUM(A1)|'@SUM(A1)", "nft-=1|nft-=1", "cheap|cheap"})
    void a_csv_text_cell_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(String value,
            String written) throws IOException {
        // given
        StringWriter out = new StringWriter();

        // when
        AuditFormat.csvField(out, value);

        // then
        assertThat(out.toString()).isEqualTo(written);
    }

    @Test
    void a_csv_row_neutralises_every_text_cell_and_the_jsonl_line_keeps_the_value_exactly() throws IOException {
        // given: a finalization id may start with '-', a pool or NFT id with anything
        AuditRow row = new AuditRow(Instant.parse("2026-11-20T11:59:30Z"), "usage_recorded", 5, null, null,
                "-fin", "@pool", "\tnft", 1L, 2L, "pass");
        StringWriter csv = new StringWriter();
        StringWriter jsonl = new StringWriter();

        // when
        AuditFormat.CSV.row(csv, row);
        AuditFormat.JSONL.row(jsonl, row);

        // then
        assertThat(csv.toString()).isEqualTo("2026-11-20T11:59:30Z,usage_recorded,5,,,'-fin,'@pool,'\tnft,1,2,pass\r\n");
        assertThat(JsonMapper.shared().readTree(jsonl.toString()).get("finalization_id").asString()).isEqualTo("-fin");
    }

    @Test
    void a_jsonl_line_is_valid_json_that_reads_back_every_value_exactly() throws IOException {
        // given
        StringWriter out = new StringWriter();

        // when
        AuditFormat.JSONL.row(out, AWKWARD);

        // then
        assertThat(out.toString()).endsWith("}\n").doesNotContain("\n{");
        JsonNode row = JsonMapper.shared().readTree(out.toString());
        assertThat(row.get("amount_micro").asString()).isEqualTo("9223372036854775807");
        assertThat(row.get("nft_id").asString()).isEqualTo(AWKWARD.nftId());
        assertThat(row.get("lot_id").isNull()).isTrue();
        assertThat(row.get("tokens_input").asLong()).isEqualTo(10);
        assertThat(row.get("timestamp").asString()).isEqualTo("2026-11-20T11:59:30.123456Z");
    }

    @Test
    void the_csv_header_names_the_spec_columns_in_order() throws IOException {
        // given
        StringWriter out = new StringWriter();

        // when
        AuditFormat.CSV.header(out);

        // then
        assertThat(out.toString()).isEqualTo("timestamp,operation_type,amount_micro,lot_id,payment_id,finalization_id,"
                + "model_pool,nft_id,tokens_input,tokens_output,conservation_guard_result\r\n");
    }

    @Test
    void the_format_parameter_defaults_to_jsonl_and_refuses_anything_else() {
        // when / then
        assertThat(AuditFormat.of(null)).isEqualTo(AuditFormat.JSONL);
        assertThat(AuditFormat.of("CSV")).isEqualTo(AuditFormat.CSV);
        assertThatThrownBy(() -> AuditFormat.of("xlsx")).isInstanceOf(ApiProblem.class)
                .satisfies(problem -> assertThat(((ApiProblem) problem).status()).isEqualTo(400));
    }
}
