package dev.ledgerstream.admin.billing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When a balance runs out at the recent burn rate (SPEC 7): the spend of the trailing window,
 * extrapolated linearly from now. Pure integer arithmetic in {@link BigInteger} (sums of a
 * community's amounts may exceed 64 bits, and so may the product of a balance and a window's
 * seconds); no floating point anywhere.
 */
final class DepletionProjection {

    /** The last date a projection may name; further out it is reported as none. */
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private DepletionProjection() {
    }

    /** The burn rate: the window's spend per whole day, rounded down. */
    static BigInteger burnRateMicroPerDay(BigInteger windowSpendMicro, Duration window) {
        return windowSpendMicro.divide(BigInteger.valueOf(Math.max(1, window.toDays())));
    }

    /**
     * The UTC date on which {@code balanceMicro} is used up if spending goes on as in the window
     * that ended {@code now}: null without burn (nothing was spent) or beyond {@link #LAST_DATE};
     * today's date when the balance is already zero.
     */
    static LocalDate depletionDate(BigInteger balanceMicro, BigInteger windowSpendMicro, Duration window, Instant now) {
        if (balanceMicro.signum() < 0 || windowSpendMicro.signum() < 0) {
            throw new IllegalArgumentException("amounts are never negative");
        }
        if (windowSpendMicro.signum() == 0) {
            return null;
        }
        BigInteger seconds = balanceMicro.multiply(BigInteger.valueOf(window.toSeconds())).divide(windowSpendMicro);
        long secondsLeft = LAST_DATE.atStartOfDay(ZoneOffset.UTC).toEpochSecond() - now.getEpochSecond();
        if (seconds.compareTo(BigInteger.valueOf(secondsLeft)) > 0) {
            return null;
        }
        return LocalDate.ofInstant(now.plusSeconds(seconds.longValueExact()), ZoneOffset.UTC);
    }
}
