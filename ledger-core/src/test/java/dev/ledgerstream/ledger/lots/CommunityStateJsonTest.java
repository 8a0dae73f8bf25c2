package dev.ledgerstream.ledger.lots;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.grant;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.ipn;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.mint;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.PaymentStatus;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The state records are stored by a JSON serde: they must survive the project's mapper unchanged. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommunityStateJsonTest {

    @Test
    void a_community_state_survives_a_json_round_trip() {
        // given
        CommunityState state = CommunityLedgerTest.after(mint("1", COMMUNITY_A, 5_000_000, at(0)),
                grant("g", COMMUNITY_A, 1_000_000, at(1), at(100)), usage("fin-1", COMMUNITY_A, 2_000_000, at(2)));

        // when
        String json = LedgerJson.mapper().writeValueAsString(state);
        CommunityState read = LedgerJson.mapper().readValue(json, CommunityState.class);

        // then
        assertThat(read).isEqualTo(state);
        assertThat(json).contains("\"lots\"").doesNotContain("debitable", "finalization");
    }

    @Test
    void a_community_state_stored_with_the_former_finalization_hashes_still_reads() {
        // given: a state as the version that de-duplicated inside the community stored it
        CommunityState state = CommunityLedgerTest.after(mint("1", COMMUNITY_A, 5_000_000, at(0)));
        String json = LedgerJson.mapper().writeValueAsString(state);
        String former = json.substring(0, json.length() - 1) + ",\"finalization_hashes\":{\"fin-1\":\"" + "a".repeat(64)
                + "\"}}";

        // when
        CommunityState read = LedgerJson.mapper().readValue(former, CommunityState.class);

        // then
        assertThat(read).isEqualTo(state);
    }

    @Test
    void a_payment_state_survives_a_json_round_trip() {
        // given
        PaymentDecider decider = PaymentDecider.withoutLotTtl();
        PaymentState state = decider.evolve(null, decider.decide(null, ipn("1", PaymentStatus.FINISHED, at(0))));

        // when
        String json = LedgerJson.mapper().writeValueAsString(state);
        PaymentState read = LedgerJson.mapper().readValue(json, PaymentState.class);

        // then
        assertThat(read).isEqualTo(state);
        assertThat(json).contains("\"status\":\"finished\"", "\"mint_outcome\":\"minted\"");
    }
}
