package dev.ledgerstream.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerRowsTest {

    private static final String COMMUNITY = "3f1c2a4b-0000-4000-8000-000000000002";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void records_become_the_rows_the_writer_writes_in_the_tables_column_order() {
        // given
        UsageRecorded usage = new UsageRecorded("f-1", COMMUNITY, "cheap", null, 10, 20, 300, null, null, 300, 0,
                List.of(new LotDebit("lot-1", 300)), ChargingMode.LIVE, 0L, List.of(), GuardOutcome.PASS, "ab".repeat(32), T0,
                T0.plusSeconds(1));
        SinkRecord record = new SinkRecord(Topics.LEDGER_USAGE_EVENTS.name(), 0, 0, 0, null,
                Topics.LEDGER_USAGE_EVENTS.valueSerde().toBytes(usage), List.of());

        // when
        Map<LedgerTable, List<LedgerRows.Values>> rows = LedgerRows.of(List.of(record));

        // then
        assertThat(rows).containsOnlyKeys(LedgerTable.USAGE_EVENTS);
        LedgerRows.Values values = rows.get(LedgerTable.USAGE_EVENTS).get(0);
        assertThat(values.communityId()).isEqualTo(COMMUNITY);
        assertThat(values.values()).hasSize(LedgerTable.USAGE_EVENTS.columns().size())
                .containsExactly("f-1", COMMUNITY, "cheap", null, 10L, 20L, 300L, null, null, 300L, 0L,
                        "[{\"lot_id\":\"lot-1\",\"amount_micro\":300}]", "live", 0L, "[]", "pass", "ab".repeat(32), T0, T0.plusSeconds(1));
    }

    @Test
    void a_record_that_does_not_decode_has_no_rows() {
        // given
        SinkRecord garbage = new SinkRecord(Topics.LEDGER_ENTRIES.name(), 1, 2, 0, null,
                "{}".getBytes(StandardCharsets.UTF_8), List.of());

        // when / then
        assertThatThrownBy(() -> LedgerRows.of(List.of(garbage))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ledger.entries.v1-1@2: ");
    }
}
