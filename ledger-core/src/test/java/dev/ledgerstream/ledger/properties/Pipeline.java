package dev.ledgerstream.ledger.properties;

import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds generated steps to the production {@link ReplayLedger}, which chains the deciders the way
 * the stream topology does, and keeps everything it emitted in order.
 */
final class Pipeline {

    final ReplayLedger ledger;
    final List<LedgerRecord> emitted = new ArrayList<>();

    Pipeline(ReplayLedger ledger) {
        this.ledger = ledger;
    }

    static Pipeline run(PaymentDecider decider, List<Step> steps) {
        Pipeline pipeline = new Pipeline(new ReplayLedger(decider));
        steps.forEach(pipeline::accept);
        return pipeline;
    }

    void accept(Step step) {
        if (step instanceof Step.Notify notify) {
            emitted.addAll(ledger.onIpn(notify.ipn()));
        } else if (step instanceof Step.Use use) {
            emitted.addAll(ledger.onUsage(use.usage()));
        } else if (step instanceof Step.Grant grant) {
            emitted.addAll(ledger.onGrant(grant.grant()));
        } else if (step instanceof Step.Tick tick) {
            emitted.addAll(ledger.expire(tick.now()));
        }
    }
}
