package dev.ledgerstream.admin.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DepletionProjectionTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    @Test
    void without_burn_there_is_no_projection() {
        // when / then
        assertThat(DepletionProjection.depletionDate(big(4_250_000), big(0), WEEK, NOW)).isNull();
        assertThat(DepletionProjection.burnRateMicroPerDay(big(0), WEEK)).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void a_spent_balance_is_depleted_today() {
        // when / then
        assertThat(DepletionProjection.depletionDate(big(0), big(1), WEEK, NOW)).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void the_balance_lasts_as_many_windows_as_it_holds_window_spends() {
        // given: 4.25 credits left, 11.75 spent in the last 7 days
        // when
        LocalDate date = DepletionProjection.depletionDate(big(4_250_000), big(11_750_000), WEEK, NOW);

        // then: 4.25 / 11.75 × 604,800 s = 218,757 s: 2026-11-23T00:45:57Z
        assertThat(date).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(DepletionProjection.burnRateMicroPerDay(big(11_750_000), WEEK)).isEqualTo(big(1_678_571));
    }

    @Test
    void a_balance_equal_to_the_window_spend_lasts_exactly_one_window() {
        // when / then
        assertThat(DepletionProjection.depletionDate(big(7_000_000), big(7_000_000), WEEK, NOW))
                .isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void the_largest_balance_against_the_smallest_burn_does_not_overflow_and_is_reported_as_none() {
        // when / then: about 4.7 × 10^18 weeks
        assertThat(DepletionProjection.depletionDate(big(Long.MAX_VALUE), big(1), WEEK, NOW)).isNull();
    }

    @Test
    void negative_amounts_are_refused() {
        // when / then
        assertThatThrownBy(() -> DepletionProjection.depletionDate(big(-1), big(1), WEEK, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
