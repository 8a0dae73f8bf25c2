package dev.ledgerstream.local.servers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Logs at WARN, without its stack trace, the one broker ERROR that a healthy run of local mode
 * produces (issue 13): {@code kafka.server.ReplicaManager}'s "Error processing append operation" for an
 * {@link OutOfOrderSequenceException} saying "Expected sequence 0 for transactions v2 idempotent
 * producer with no existing state". Every other line passes unchanged, that logger's other errors
 * included.
 *
 * <p>Why it is not an error: with transactions v2 (KIP-890) a transactional producer's first batch
 * to a partition adds the partition to the transaction. When it arrives while the producer's
 * previous transaction is still being completed, the broker refuses it as
 * {@code CONCURRENT_TRANSACTIONS} (retriable). The producer's later batches to that partition, already
 * in flight (up to five per connection), then carry sequence numbers above 0 for a partition where
 * the broker holds no state for the producer, and the broker refuses them with exactly this
 * exception (its {@code ProducerAppendInfo.checkSequence}), logging each at ERROR. The producer knows
 * those batches failed only because an earlier one did, and sends them again in order once the first
 * is in (it logs each step at WARN); nothing is lost or written twice. Keeping one request in flight
 * would avoid the refusals but slowed the stream processors measurably (docs/benchmarks.md).
 */
public final class RetriedSequenceFilter extends TurboFilter {

    static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    static final String RETRIED_SEQUENCE = "Expected sequence 0 for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable thrown) {
        if (level != Level.ERROR || !BROKER_LOGGER.equals(logger.getName())
                || !(thrown instanceof OutOfOrderSequenceException)
                || thrown.getMessage() == null || !thrown.getMessage().contains(RETRIED_SEQUENCE)) {
            return FilterReply.NEUTRAL;
        }
        logger.warn("{}: {} (a batch in flight behind one refused as CONCURRENT_TRANSACTIONS; the producer sends it"
                + " again, see docs/operations.md)", format, thrown.getMessage());
        return FilterReply.DENY;
    }
}
