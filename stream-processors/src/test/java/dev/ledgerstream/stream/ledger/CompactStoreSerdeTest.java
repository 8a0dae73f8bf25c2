package dev.ledgerstream.stream.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.lots.LotStatus;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.ledger.LotSource;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompactStoreSerdeTest {

    static final String COMMUNITY = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123456789Z");

    static final Lot PAID = new Lot("lot-p", COMMUNITY, LotSource.PAYMENT, "42", null, 10_500_000, 9_000_000,
            1_500_000, 0, 0, T0, null, LotStatus.ACTIVE);
    static final Lot GRANTED = new Lot("lot-g", COMMUNITY, LotSource.GRANT, null, "grant-é", 5, 5, 0, 0, 0,
            T0.plusSeconds(1), T0.plusSeconds(86_400), LotStatus.ACTIVE);
    static final Lot REVOKED = new Lot("lot-r", COMMUNITY, LotSource.PAYMENT, "43", null, 7, 0, 2, 0, 5, T0, null,
            LotStatus.REVOKED);

    @Test
    void every_store_value_reads_back_equal_to_what_was_written() {
        // given
        CommunityState state = new CommunityState(COMMUNITY, List.of(PAID, GRANTED), 10_500_012, 1_500_002, 0, 5,
                9_000_005);
        RecordedFinalization recorded = new RecordedFinalization("fin-1", COMMUNITY, "c".repeat(64), T0);
        // when / then
        assertThat(roundTrip(CompactStoreSerde.communities(), state)).isEqualTo(state);
        assertThat(roundTrip(CompactStoreSerde.finalizations(), recorded)).isEqualTo(recorded);
        assertThat(roundTrip(CompactStoreSerde.lots(), REVOKED)).isEqualTo(REVOKED);
        assertThat(roundTrip(CompactStoreSerde.lots(), GRANTED)).isEqualTo(GRANTED);
        assertThat(CompactStoreSerde.lots().serializer().serialize("t", null)).isNull();
    }

    @Test
    void a_value_stored_as_json_by_an_earlier_version_still_reads() {
        // given
        byte[] json = LedgerJson.mapper().writeValueAsBytes(REVOKED);
        // when / then
        assertThat(CompactStoreSerde.lots().deserializer().deserialize("t", json)).isEqualTo(REVOKED);
    }

    @Test
    void an_unknown_format_or_an_impossible_value_is_a_serialization_error() {
        assertThatThrownBy(() -> CompactStoreSerde.lots().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class);
        byte[] valid = CompactStoreSerde.finalizations().serializer().serialize("t",
                new RecordedFinalization("fin-1", COMMUNITY, "c".repeat(64), T0));
        valid[valid.length - 20] = 'Z';
        assertThatThrownBy(() -> CompactStoreSerde.finalizations().deserializer().deserialize("t", valid))
                .isInstanceOf(SerializationException.class);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
