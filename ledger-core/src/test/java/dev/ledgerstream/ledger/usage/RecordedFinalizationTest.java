package dev.ledgerstream.ledger.usage;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.schemas.LedgerJson;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The dedup store's value: valid by construction, and stored by a JSON serde. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecordedFinalizationTest {

    static final String HASH = "ab".repeat(32);

    @Test
    void a_recorded_finalization_survives_a_json_round_trip_in_snake_case() {
        // given
        RecordedFinalization recorded = new RecordedFinalization("fin-1:a.b_c", COMMUNITY_A, HASH, T0.plusNanos(1));

        // when
        String json = LedgerJson.mapper().writeValueAsString(recorded);
        RecordedFinalization read = LedgerJson.mapper().readValue(json, RecordedFinalization.class);

        // then
        assertThat(read).isEqualTo(recorded);
        assertThat(json).contains("\"finalization_id\"", "\"community_id\"", "\"content_hash\"",
                "\"recorded_at\":\"2026-01-01T00:00:00.000000001Z\"");
        assertThat(json).doesNotContain("store_key");
    }

    @Test
    void a_communitys_record_is_stored_under_its_community_then_its_finalization_id() {
        // given
        RecordedFinalization recorded = new RecordedFinalization("fin-1:a", COMMUNITY_A, HASH, T0);

        // when / then: no part can contain the separator, so the key is unambiguous
        assertThat(RecordedFinalization.storeKey(COMMUNITY_A, "fin-1:a")).isEqualTo(COMMUNITY_A + "|fin-1:a");
        assertThat(recorded.storeKey()).isEqualTo(RecordedFinalization.storeKey(COMMUNITY_A, "fin-1:a"));
    }

    @Test
    void rejects_an_invalid_finalization_id_community_hash_or_missing_time() {
        // when / then
        assertThatThrownBy(() -> new RecordedFinalization("", COMMUNITY_A, HASH, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordedFinalization("fin 1", COMMUNITY_A, HASH, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordedFinalization("f".repeat(129), COMMUNITY_A, HASH, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordedFinalization("fin-1", COMMUNITY_A.toUpperCase(), HASH, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordedFinalization("fin-1", COMMUNITY_A, HASH.toUpperCase(), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordedFinalization("fin-1", COMMUNITY_A, HASH, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void accepts_a_finalization_id_of_exactly_128_characters() {
        // when / then
        assertThat(new RecordedFinalization("f".repeat(128), COMMUNITY_A, HASH, T0).finalizationId()).hasSize(128);
    }
}
