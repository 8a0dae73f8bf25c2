package dev.ledgerstream.ledger.replay;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.mode.ModeSetting;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.task.CommunityTask;
import dev.ledgerstream.ledger.task.LedgerStores;
import dev.ledgerstream.ledger.usage.CrossCommunityCheck;
import dev.ledgerstream.ledger.usage.FinalizationDedup;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.ledger.usage.UsageContent;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The whole ledger in memory, driven by the same steps as the stream topology
 * ({@link CommunityTask}), for the reconcile and rebuild tools and the property tests. Its four
 * maps are the topology's four stores: payments by payment id ({@code payment-store}), each
 * community's finalizations by {@link RecordedFinalization#storeKey(String, String)}
 * ({@code finalization-store}), the owner of each finalization id by finalization id
 * ({@code finalization-owner-store}) and communities by community id ({@code community-store}).
 *
 * <ul>
 *   <li>A notification: {@link CommunityTask#onIpn}: the payment decider, then each of the
 *       decision's commands to its community's ledger, in the community's own task.</li>
 *   <li>Usage: the side check {@link FinalizationDedup#crossCommunity} against the id's owner, which
 *       only reports; then {@link CommunityTask#onUsage}: the community's own dedup decision and, on
 *       a first sight, the FIFO debit. A finalization id reused by another community is therefore
 *       recorded in both communities and reported as an I-6 violation (see {@link FinalizationDedup}).</li>
 *   <li>A grant: straight to its community's ledger.</li>
 *   <li>Expiry: {@link CommunityTask#expire} for every known community, in community id order.</li>
 * </ul>
 *
 * <p>The caller feeds the inputs in the topology's order (ADR 0011). Each method returns the
 * records the topology would emit for that input, in the order it would emit them. Nothing here
 * reads a clock or does I/O; the instance is mutable and not thread-safe.
 */
public final class ReplayLedger {

    private final CommunityTask task;
    private final Map<String, PaymentState> payments = new TreeMap<>();
    private final Map<String, RecordedFinalization> finalizations;
    private final Map<String, RecordedFinalization> owners;
    private final Map<String, CommunityState> communities = new TreeMap<>();
    private final Map<String, Lot> closedLots = new TreeMap<>();
    private final Map<String, ModeSetting> modes = new TreeMap<>();
    private final LedgerStores stores = new MapStores();
    private int partition;

    /** An empty ledger: the start of a replay from the beginning of the raw topics. */
    public ReplayLedger(PaymentDecider decider) {
        this(decider, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * An empty ledger that keeps its two finalization maps, which grow with every usage event, in
     * the maps given (for example on disk, so that a replay of millions of events runs in bounded
     * memory). Only {@code get} and {@code put} are used on them, except by {@link #finalizations()}
     * and {@link #owners()}; both must start empty.
     */
    public ReplayLedger(PaymentDecider decider, Map<String, RecordedFinalization> finalizations,
            Map<String, RecordedFinalization> owners) {
        this.task = new CommunityTask(decider);
        this.finalizations = Objects.requireNonNull(finalizations, "finalizations");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    /**
     * A ledger that goes on from stored states, e.g. read back from the topology's stores, keyed as
     * {@link #finalizations()} and {@link #owners()} are. Throws when a state is stored under a key
     * other than its own, which also catches the two finalization maps passed the wrong way round.
     */
    public static ReplayLedger resume(PaymentDecider decider, Map<String, PaymentState> payments,
            Map<String, RecordedFinalization> finalizations, Map<String, RecordedFinalization> owners,
            Map<String, CommunityState> communities, Map<String, Lot> closedLots) {
        ReplayLedger ledger = new ReplayLedger(decider);
        copy(payments, ledger.payments, PaymentState::paymentId);
        copy(finalizations, ledger.finalizations, RecordedFinalization::storeKey);
        copy(owners, ledger.owners, RecordedFinalization::finalizationId);
        copy(communities, ledger.communities, CommunityState::communityId);
        copy(closedLots, ledger.closedLots, Lot::lotId);
        return ledger;
    }

    /**
     * A ledger that goes on from states read back from a recorded ledger, keeping its finalization
     * maps in {@code finalizations} and {@code owners} as given (already filled, keyed as
     * {@link #finalizations()} and {@link #owners()} are; for example on disk). Payment states are
     * copied and checked against their keys; each community's state is made from all its lots.
     */
    public static ReplayLedger resumeOn(PaymentDecider decider, Map<String, PaymentState> payments,
            Map<String, List<Lot>> lotsByCommunity, Map<String, RecordedFinalization> finalizations,
            Map<String, RecordedFinalization> owners) {
        ReplayLedger ledger = new ReplayLedger(decider, finalizations, owners);
        copy(payments, ledger.payments, PaymentState::paymentId);
        lotsByCommunity.forEach((community, lots) -> {
            ledger.communities.put(community, CommunityState.of(community, lots));
            lots.stream().filter(lot -> !lot.debitable()).forEach(lot -> ledger.closedLots.put(lot.lotId(), lot));
        });
        return ledger;
    }

    /**
     * The task the next inputs belong to: the partition of the raw topics they were read from. A
     * community's records all sit in one task; the charging mode of every community is written to
     * each partition and kept by each task on its own (ADR 0018), so the replay keeps one copy per
     * task too. 0 until set, which is right for a replay of single-partition topics.
     */
    public ReplayLedger inTask(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
        this.partition = partition;
        return this;
    }

    /**
     * Folds in a charging mode the recorded ledger applied before the replay's start (a replay that
     * resumes from a time): a community's own setting, or the global one, which then holds in every
     * task until the task reads a later copy.
     */
    public void restoreMode(ActionOutcome applied) {
        if (applied.kind() != ActionKind.SET_CHARGING_MODE || applied.result() != ActionResult.APPLIED) {
            throw new IllegalArgumentException("not an applied charging mode: " + applied.outcomeId());
        }
        String scope = applied.communityId() == null ? OperatorAction.GLOBAL : applied.communityId();
        ModeSetting current = modes.get(scope);
        modes.put(scope, (current == null ? ModeSetting.live(scope) : current)
                .with(applied.actionId(), applied.charging(), applied.minting()));
    }

    /** One notification from {@code payments.ipn.v1}. */
    public List<LedgerRecord> onIpn(IpnInput ipn) {
        return task.onIpn(stores, ipn).records();
    }

    /**
     * One finalization from {@code usage.finalizations.v1}: the side check's violation, if any, then
     * the community task's records (its conflict, or the usage debited on a first sight).
     */
    public List<LedgerRecord> onUsage(UsageFinalizationReceived usage) {
        String hash = UsageContent.hash(usage);
        CrossCommunityCheck side = FinalizationDedup.crossCommunity(owners.get(usage.finalizationId()),
                FinalizationDedup.claim(usage, hash));
        side.ownerToRecord().ifPresent(owner -> owners.put(owner.finalizationId(), owner));
        List<LedgerRecord> records = new ArrayList<>(side.events());
        records.addAll(task.onUsage(stores, usage, hash).records());
        return List.copyOf(records);
    }

    /** One operator's action from {@code operator.actions.v1}. */
    public List<LedgerRecord> onAction(OperatorAction action) {
        return task.onAction(stores, action).records();
    }

    /** One operator grant. */
    public List<LedgerRecord> onGrant(GrantLot grant) {
        return task.onCommand(stores, grant).records();
    }

    /** The periodic expiry at stream time {@code now}, for every community with a state, in id order. */
    public List<LedgerRecord> expire(Instant now) {
        List<LedgerRecord> records = new ArrayList<>();
        for (String community : List.copyOf(communities.keySet())) {
            records.addAll(task.expire(stores, community, now).records());
        }
        return List.copyOf(records);
    }

    /** The lots that closed and left their community's state, by lot id ({@code lot-store}); a read-only view. */
    public Map<String, Lot> closedLots() {
        return Collections.unmodifiableMap(closedLots);
    }

    /** Every lot, open and closed, by lot id; a new map. */
    public Map<String, Lot> lots() {
        Map<String, Lot> all = new TreeMap<>(closedLots);
        communities.values().forEach(community -> community.lots().forEach(lot -> all.put(lot.lotId(), lot)));
        return all;
    }

    /** Payment states by payment id, in id order; a read-only view. */
    public Map<String, PaymentState> payments() {
        return Collections.unmodifiableMap(payments);
    }

    /**
     * Each community's recorded finalizations by {@link RecordedFinalization#storeKey(String, String)}
     * (community id, then finalization id), in key order; a read-only view.
     */
    public Map<String, RecordedFinalization> finalizations() {
        return Collections.unmodifiableMap(finalizations);
    }

    /** The first record seen for each finalization id, in any community, by finalization id; a read-only view. */
    public Map<String, RecordedFinalization> owners() {
        return Collections.unmodifiableMap(owners);
    }

    /** Community states by community id, in id order; a read-only view. */
    public Map<String, CommunityState> communities() {
        return Collections.unmodifiableMap(communities);
    }

    /** The task's stores, over this ledger's maps. */
    private final class MapStores implements LedgerStores {

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
        public Lot closedLot(String lotId) {
            return closedLots.get(lotId);
        }

        @Override
        public void putClosedLot(Lot lot) {
            closedLots.put(lot.lotId(), lot);
        }

        @Override
        public void lotOpened(Lot lot) {
            // expire() looks at every community: no index of expiry times to keep
        }

        @Override
        public ModeSetting mode(String scope) {
            ModeSetting own = modes.get(modeKey(scope));
            // A task that has read no global copy yet works under the one restored from before the start.
            return own == null && OperatorAction.GLOBAL.equals(scope) ? modes.get(OperatorAction.GLOBAL) : own;
        }

        @Override
        public void putMode(ModeSetting setting) {
            modes.put(modeKey(setting.scope()), setting);
        }

        /** A community's own setting, or the current task's copy of the global one. */
        private String modeKey(String scope) {
            return OperatorAction.GLOBAL.equals(scope) ? OperatorAction.GLOBAL + partition : scope;
        }
    }

    private static <T> void copy(Map<String, T> from, Map<String, T> to, Function<T, String> idOf) {
        from.forEach((key, state) -> {
            if (!key.equals(idOf.apply(state))) {
                throw new IllegalArgumentException("state of " + idOf.apply(state) + " stored under key " + key);
            }
            to.put(key, state);
        });
    }
}
