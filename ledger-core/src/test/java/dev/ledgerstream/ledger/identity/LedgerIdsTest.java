package dev.ledgerstream.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerIdsTest {

    @Test
    void sha256_is_lowercase_hex_of_the_utf8_bytes() {
        // known answer: SHA-256("abc")
        assertThat(LedgerIds.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void a_payments_lot_id_is_derived_from_the_payment_id_alone() {
        // when
        String lot = LedgerIds.lotForPayment("5524759814");

        // then
        assertThat(lot).isEqualTo("lot-" + LedgerIds.sha256Hex("payment:5524759814").substring(0, 32));
        assertThat(LedgerIds.lotForPayment("5524759814")).isEqualTo(lot);
        assertThat(LedgerIds.lotForGrant("5524759814")).isNotEqualTo(lot);
    }

    @Test
    void entry_ids_name_their_cause() {
        assertThat(LedgerIds.mintEntry("lot-x")).isEqualTo("mint:lot-x");
        assertThat(LedgerIds.debitEntry("fin-1", "lot-x")).isEqualTo("debit:fin-1:lot-x");
        assertThat(LedgerIds.expiryEntry("lot-x")).isEqualTo("expire:lot-x");
        assertThat(LedgerIds.revocationEntry("lot-x")).isEqualTo("revoke:lot-x");
        assertThat(LedgerIds.paymentOutcome("1", "e", TransitionOutcome.STALE)).isEqualTo("payment:1:e:stale");
        assertThat(LedgerIds.usageCause("3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60", "fin-1"))
                .isEqualTo("usage:3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60:fin-1");
    }

    @Test
    void violation_ids_are_bounded_and_carry_the_invariant() {
        // when
        String id = LedgerIds.violation(Invariant.I_12, "usage:" + "f".repeat(128), "x".repeat(500));

        // then
        assertThat(id).matches("violation:I-12:[0-9a-f]{32}");
    }
}
