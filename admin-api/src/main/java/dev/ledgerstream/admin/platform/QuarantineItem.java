package dev.ledgerstream.admin.platform;

import java.time.Instant;

/**
 * One record that was kept aside instead of changing the ledger: a validly signed IPN that broke
 * the rules ({@code quarantined_ipn}), a record a service dead-lettered ({@code dead_letter}), or
 * one the sink could not write ({@code sink_reject}).
 *
 * @param id        the event id of an IPN; {@code topic/partition/offset} of the others
 * @param at        when it was received, dead-lettered or rejected
 * @param reason    why it was kept aside
 * @param topic     where it is: the quarantine or dead-letter topic
 * @param source    where it came from, {@code topic/partition/offset}, when known
 * @param detail    the IPN's canonical JSON, the dead letter's exception, or the reject's SQL state
 */
record QuarantineItem(String kind, String id, Instant at, String reason, String paymentId, String topic,
        String source, String detail) {
}
