package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.mode.ModeSetting;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.task.LedgerStores;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The community task's {@link LedgerStores} over the task's state stores, and the index of open
 * lots by expiry time ({@code lot-expiry-store}: {@code <expiry epoch ms, 19 digits>|<lot id>} →
 * community id), kept as lots open and close, so that expiry looks at the lots that are due and
 * never at every community.
 */
final class StoreLedger implements LedgerStores {

    private final KeyValueStore<String, PaymentState> payments;
    private final KeyValueStore<String, RecordedFinalization> finalizations;
    private final KeyValueStore<String, CommunityState> communities;
    private final KeyValueStore<String, Lot> closedLots;
    private final KeyValueStore<String, String> expiries;
    private final KeyValueStore<String, ModeSetting> modes;
    /**
     * Every mode setting of the task, read on every usage event and notification: the store holds one
     * entry per scope an operator ever set (a handful), so it is read once here and written through,
     * and a community without a setting costs no store lookup (a RocksDB miss is a JNI exception).
     */
    private final Map<String, ModeSetting> modesInMemory = new HashMap<>();

    StoreLedger(ProcessingContext context) {
        this.payments = context.getStateStore(CommunityLedgerProcessor.PAYMENTS);
        this.finalizations = context.getStateStore(CommunityLedgerProcessor.FINALIZATIONS);
        this.communities = context.getStateStore(CommunityLedgerProcessor.STORE);
        this.closedLots = context.getStateStore(CommunityLedgerProcessor.LOTS);
        this.expiries = context.getStateStore(CommunityLedgerProcessor.EXPIRIES);
        this.modes = context.getStateStore(CommunityLedgerProcessor.MODES);
        try (KeyValueIterator<String, ModeSetting> all = modes.all()) {
            all.forEachRemaining(entry -> modesInMemory.put(entry.key, entry.value));
        }
    }

    /** The communities with an open lot whose expiry time is at or before {@code nowMillis}, in expiry order. */
    Set<String> communitiesDueBy(long nowMillis) {
        Set<String> due = new LinkedHashSet<>();
        try (KeyValueIterator<String, String> entries = expiries.range(expiryKey(0, ""), expiryKey(nowMillis, "~"))) {
            entries.forEachRemaining(entry -> due.add(entry.value));
        }
        return due;
    }

    @Override
    public Lot closedLot(String lotId) {
        return closedLots.get(lotId);
    }

    @Override
    public void putClosedLot(Lot lot) {
        closedLots.put(lot.lotId(), lot);
        if (lot.expiresAt() != null) {
            expiries.delete(expiryKey(lot.expiresAt().toEpochMilli(), lot.lotId()));
        }
    }

    @Override
    public void lotOpened(Lot lot) {
        if (lot.expiresAt() != null) {
            expiries.put(expiryKey(lot.expiresAt().toEpochMilli(), lot.lotId()), lot.communityId());
        }
    }

    /** Lot ids are of {@code [a-z0-9-]}, so {@code ~} sorts after every one of them. */
    private static String expiryKey(long expiresAtMillis, String lotId) {
        return String.format("%019d|%s", expiresAtMillis, lotId);
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

    @Override
    public ModeSetting mode(String scope) {
        return modesInMemory.get(scope);
    }

    @Override
    public void putMode(ModeSetting setting) {
        modes.put(setting.scope(), setting);
        modesInMemory.put(setting.scope(), setting);
    }
}
