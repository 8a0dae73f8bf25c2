package dev.ledgerstream.ledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ledgerstream.schemas.ledger.MintOutcome;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CreditPricingTest {

    @ParameterizedTest
    @CsvSource({
        "5, 5000000", "10, 10500000", "25, 27500000",
        "5.00, 5000000", "10.0, 10500000", "2.5e1, 27500000", "25E+0, 27500000"})
    void exact_pack_prices_buy_the_pack_with_its_bonus(String price, long expectedMicro) {
        // when
        CreditQuote quote = CreditPricing.quote(price, "usd");

        // then
        assertThat(quote).isEqualTo(new CreditQuote(MintOutcome.MINTED, expectedMicro));
    }

    @ParameterizedTest
    @CsvSource({
        "5.000001, 5000001", "5.0000019, 5000001", "12.3456789, 12345678",
        "10.01, 10010000", "24.999999, 24999999", "100, 100000000", "9.99, 9990000"})
    void any_other_amount_of_at_least_5_buys_its_floor_in_micro_without_bonus(String price, long expectedMicro) {
        // when
        CreditQuote quote = CreditPricing.quote(price, "usd");

        // then
        assertThat(quote).isEqualTo(new CreditQuote(MintOutcome.MINTED, expectedMicro));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.99", "4.9999999999", "0", "-0", "0.0000045", "4e0"})
    void an_amount_below_5_buys_nothing(String price) {
        // when
        CreditQuote quote = CreditPricing.quote(price, "usd");

        // then
        assertThat(quote.outcome()).isEqualTo(MintOutcome.BELOW_MINIMUM);
        assertThat(quote.creditsMicro()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "USD", "Usd", "uSD"})
    void usd_is_recognised_in_any_case(String currency) {
        // when
        CreditQuote quote = CreditPricing.quote("10", currency);

        // then
        assertThat(quote).isEqualTo(new CreditQuote(MintOutcome.MINTED, 10_500_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EUR", "usdt", "usdc", "", " usd", "u\u017Fd"})
    void another_currency_buys_nothing(String currency) {
        // when
        CreditQuote quote = CreditPricing.quote("10", currency);

        // then
        assertThat(quote.outcome()).isEqualTo(MintOutcome.UNSUPPORTED_CURRENCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1,5", "-5", "-10", " 5", "5.", ".5", "0x10", "NaN", "Infinity", "05", "1e"})
    void text_that_is_not_a_non_negative_json_number_is_an_invalid_price(String price) {
        // when
        CreditQuote quote = CreditPricing.quote(price, "usd");

        // then
        assertThat(quote.outcome()).isEqualTo(MintOutcome.INVALID_PRICE);
    }

    @Test
    void the_largest_price_whose_credit_fits_64_bits_mints_exactly_long_max() {
        // when
        CreditQuote quote = CreditPricing.quote("9223372036854.775807", "usd");

        // then
        assertThat(quote).isEqualTo(new CreditQuote(MintOutcome.MINTED, Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854.775808", "1e+21", "1e21"})
    void a_price_whose_credit_overflows_64_bits_is_out_of_range(String price) {
        // when
        CreditQuote quote = CreditPricing.quote(price, "usd");

        // then
        assertThat(quote.outcome()).isEqualTo(MintOutcome.AMOUNT_OUT_OF_RANGE);
    }

    @Test
    void a_hostile_exponent_is_priced_without_expanding_the_number() {
        // when / then
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(CreditPricing.quote("1e999999999", "usd").outcome()).isEqualTo(MintOutcome.AMOUNT_OUT_OF_RANGE);
            assertThat(CreditPricing.quote("5e-999999999", "usd").outcome()).isEqualTo(MintOutcome.BELOW_MINIMUM);
            assertThat(CreditPricing.quote("1" + "0".repeat(70), "usd").outcome()).isEqualTo(MintOutcome.INVALID_PRICE);
        });
    }

    @ParameterizedTest
    @CsvSource({"25, 25", "25.00, 25", "25.0001, 25", "30, 25", "10.5, 10.50"})
    void a_paid_value_of_at_least_the_price_covers_it(String paid, String price) {
        // when / then
        assertThat(CreditPricing.covers(paid, price)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"24.99, 25", "0, 25", "9.88, 25", "4.999999, 5"})
    void a_paid_value_below_the_price_does_not_cover_it(String paid, String price) {
        // when / then
        assertThat(CreditPricing.covers(paid, price)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "n/a", "-25", "25 usd", "1e999999999x"})
    void a_paid_value_that_is_not_a_non_negative_number_covers_nothing(String paid) {
        // when / then
        assertThat(CreditPricing.covers(paid, "5")).isFalse();
    }

    @Test
    void a_notification_that_reports_no_paid_value_is_covered_by_the_providers_finished() {
        // when / then
        assertThat(CreditPricing.covers(null, "25")).isTrue();
    }
}
