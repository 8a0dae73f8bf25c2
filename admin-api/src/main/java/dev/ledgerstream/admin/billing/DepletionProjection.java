package dev.ledgerstream.admin.billing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When a balance runs out at the recent burn rate (SPEC 7): the spend of the trailing window,
 * extrapolated linearly from now. Pure integer arithmetic (the product of a balance and a window's
 * seconds does not fit in a long, so it is a {@link BigInteger}); no floating point anywhere.
 */
final class DepletionProjection {

    /** The last date a projection may name; further out it is reported as none. */
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private DepletionProjection() {
    }

    /** The burn rate: the window's spend per whole day, rounded down. */
    static long burnRateMicroPerDay(long windowSpendMicro, Duration window) {
        return windowSpendMicro / Math.max(1, window.toDays());
    }

    /**
     * The UTC date on which {@code balanceMicro} is used up if spending goes on as in the window
     * that ended {@code now}: null without burn (nothing was spent) or beyond {@link #LAST_DATE};
     * today's date when the balance is already zero.
     */
    static LocalDate depletionDate(long balanceMicro, long windowSpendMicro, Duration window, Instant now) {
        if (balanceMicro < 0 || windowSpendMicro < 0) {
            throw new IllegalArgumentException("amounts are never negative");
        }
        if (windowSpendMicro == 0) {
            return null;
        }
        BigInteger seconds = BigInteger.valueOf(balanceMicro).multiply(BigInteger.valueOf(window.toSeconds()))
                .divide(BigInteger.valueOf(windowSpendMicro));
        long secondsLeft = LAST_DATE.atStartOfDay(ZoneOffset.UTC).toEpochSecond() - now.getEpochSecond();
        if (seconds.compareTo(BigInteger.valueOf(secondsLeft)) > 0) {
            return null;
        }
        return LocalDate.ofInstant(now.plusSeconds(seconds.longValueExact()), ZoneOffset.UTC);
    }
}
