package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.task.LedgerStores;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The community task's {@link LedgerStores} over the task's state stores. */
final class StoreLedger implements LedgerStores {

    private final KeyValueStore<String, PaymentState> payments;
    private final KeyValueStore<String, RecordedFinalization> finalizations;
    private final KeyValueStore<String, CommunityState> communities;

    StoreLedger(ProcessingContext context) {
        this.payments = context.getStateStore(CommunityLedgerProcessor.PAYMENTS);
        this.finalizations = context.getStateStore(CommunityLedgerProcessor.FINALIZATIONS);
        this.communities = context.getStateStore(CommunityLedgerProcessor.STORE);
    }

    KeyValueStore<String, CommunityState> communities() {
        return communities;
    }

    @Override
    public PaymentState payment(String paymentId) {
        return payments.get(paymentId);
    }

    @Override
    public void putPayment(PaymentState state) {
        payments.put(state.paymentId(), state);
    }

    @Override
    public RecordedFinalization finalization(String storeKey) {
        return finalizations.get(storeKey);
    }

    @Override
    public void putFinalization(RecordedFinalization recorded) {
        finalizations.put(recorded.storeKey(), recorded);
    }

    @Override
    public CommunityState community(String communityId) {
        return communities.get(communityId);
    }

    @Override
    public void putCommunity(CommunityState state) {
        communities.put(state.communityId(), state);
    }
}
