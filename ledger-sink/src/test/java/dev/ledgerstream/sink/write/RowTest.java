package dev.ledgerstream.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void a_named_row_puts_each_value_in_its_columns_place_whatever_the_order_it_was_named_in() {
        // when
        Row row = Row.of(LedgerTable.GUARD_VIOLATIONS, "c").with("detected_at", AT).with("community_id", "c")
                .with("details", new Row.Jsonb("{}")).with("invariant", "I-6").with("violation_id", "v").row();

        // then
        assertThat(row.values()).containsExactly("v", "I-6", "c", new Row.Jsonb("{}"), AT);
        assertThat(row.communityId()).isEqualTo("c");
    }

    @Test
    void a_column_left_out_named_twice_or_not_in_the_table_is_refused() {
        assertThatThrownBy(() -> Row.of(LedgerTable.GUARD_VIOLATIONS, "c").with("violation_id", "v").row())
                .hasMessageContaining("GUARD_VIOLATIONS.invariant is not set");
        assertThatThrownBy(() -> Row.of(LedgerTable.GUARD_VIOLATIONS, "c").with("violation_id", "v").with("violation_id", "w"))
                .hasMessageContaining("set twice");
        assertThatThrownBy(() -> Row.of(LedgerTable.GUARD_VIOLATIONS, "c").with("tokens_input", 1L))
                .hasMessageContaining("has no column tokens_input");
    }
}
