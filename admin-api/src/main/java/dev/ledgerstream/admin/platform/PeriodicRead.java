package dev.ledgerstream.admin.platform;

import dev.ledgerstream.admin.tenant.SqlWork;
import dev.ledgerstream.admin.tenant.TenantReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform-wide read behind gauges on {@code /metrics}: done at most once per {@code maxAge},
 * however often the gauges are scraped, and null while the ledger cannot be read (the gauges then
 * show NaN, and one WARN line per failed read says why).
 */
public final class PeriodicRead<T> {

    private static final Logger log = LoggerFactory.getLogger(PeriodicRead.class);

    private final TenantReads reads;
    private final Clock clock;
    private final Duration maxAge;
    private final String what;
    private final SqlWork<T> query;
    private Instant readAt = Instant.MIN;
    private T latest;

    public PeriodicRead(TenantReads reads, Clock clock, Duration maxAge, String what, SqlWork<T> query) {
        this.reads = reads;
        this.clock = clock;
        this.maxAge = maxAge;
        this.what = what;
        this.query = query;
    }

    /** The latest value read, read again when older than {@code maxAge}; null when it could not be read. */
    public synchronized T latest() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(maxAge) >= 0) {
            readAt = now;
            try {
                latest = reads.platformWide(query);
            } catch (RuntimeException e) {
                log.warn("cannot read {} for /metrics: {}", what, String.valueOf(e));
                latest = null;
            }
        }
        return latest;
    }
}
