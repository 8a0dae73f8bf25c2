package dev.ledgerstream.ledger.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IpnInputsTest {

    static IpnInput read(String canonical) {
        return IpnInputs.from(new IpnReceived(LedgerIds.sha256Hex(canonical), "5524759814", "canonical",
                Instant.parse("2026-01-01T00:00:00Z"), canonical));
    }

    static String finished(String extra) {
        return "{" + extra + "\"order_id\":\"3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60\",\"payment_id\":5524759814,"
                + "\"payment_status\":\"finished\",\"price_amount\":25,\"price_currency\":\"usd\"}";
    }

    @Test
    void the_paid_value_is_read_as_its_exact_text_and_a_null_parent_is_no_repeat_deposit() {
        // when: the provider's real form (fixture 13 pays 9.88 of 25)
        IpnInput ipn = read(finished("\"actually_paid\":10,\"actually_paid_at_fiat\":9.88,\"parent_payment_id\":null,"));

        // then
        assertThat(ipn.paidAtFiat()).isEqualTo("9.88");
        assertThat(ipn.parentPaymentId()).isNull();
        assertThat(ipn.repeatDeposit()).isFalse();
    }

    @Test
    void a_notification_without_a_paid_value_reports_none() {
        // when / then
        assertThat(read(finished("")).paidAtFiat()).isNull();
        assertThat(read(finished("\"actually_paid_at_fiat\":null,")).paidAtFiat()).isNull();
    }

    @ParameterizedTest
    @CsvSource(value = {"5524759000|5524759000", "'\"5524759000\"'|5524759000", "'\"n/a\"'|n/a", "0|0"},
            delimiter = '|')
    void any_parent_payment_id_that_is_not_null_or_blank_makes_a_repeat_deposit(String json, String read) {
        // when
        IpnInput ipn = read(finished("\"parent_payment_id\":" + json + ","));

        // then
        assertThat(ipn.parentPaymentId()).isEqualTo(read);
        assertThat(ipn.repeatDeposit()).isTrue();
    }

    @Test
    void a_blank_parent_payment_id_is_none() {
        // when / then
        assertThat(read(finished("\"parent_payment_id\":\" \",")).repeatDeposit()).isFalse();
    }
}
