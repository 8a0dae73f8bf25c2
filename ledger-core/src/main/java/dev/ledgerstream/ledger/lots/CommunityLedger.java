package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The community ledger's operations (SPEC 5.2–5.4): pure functions from the stored state (null for
 * a community not seen yet) and a command to a {@link LedgerResult}. Business outcomes (a re-sent
 * grant or revocation, overspending, overflow) are results, never exceptions; an exception means a
 * caller bug, such as a command routed to another community's state.
 *
 * <p>Usage is not de-duplicated here: {@link dev.ledgerstream.ledger.usage.FinalizationDedup} runs
 * first, keyed by community and finalization id, and only a finalization it finds {@code FIRST} in
 * its community is applied here.
 */
public final class CommunityLedger {

    private CommunityLedger() {
    }

    /**
     * Applies a mint, a grant or a revocation. {@code closedLot} is the caller's closed lot with the
     * command's lot id, if it has one (null otherwise): a lot that closed has left the state, and a
     * second mint of it, a re-sent grant or a refund still has to find it.
     */
    public static LedgerResult apply(CommunityState state, Lot closedLot, LedgerCommand command) {
        if (closedLot != null && !closedLot.lotId().equals(command.lotId())) {
            throw new IllegalArgumentException("closed lot " + closedLot.lotId() + " given for " + command.lotId());
        }
        if (command instanceof MintLot mint) {
            return applyMint(state, closedLot, mint);
        }
        if (command instanceof GrantLot grant) {
            return applyGrant(state, closedLot, grant);
        }
        if (command instanceof RevokeLot revoke) {
            return applyRevoke(state, closedLot, revoke);
        }
        throw new IllegalStateException("unknown ledger command: " + command);
    }

    /** Mints a finished payment's lot. A second mint of the same lot is rejected as I-5. */
    static LedgerResult applyMint(CommunityState state, Lot closedLot, MintLot mint) {
        Lot lot = Lot.open(mint.lotId(), mint.communityId(), LotSource.PAYMENT, mint.paymentId(), null,
                mint.amountMicro(), mint.createdAt(), mint.expiresAt());
        return addLot(stateOf(state, mint.communityId()), closedLot, lot);
    }

    /** Adds an operator's grant as a lot of source {@code grant}; the same grant id again is a duplicate. */
    static LedgerResult applyGrant(CommunityState state, Lot closedLot, GrantLot grant) {
        Lot lot = Lot.open(grant.lotId(), grant.communityId(), LotSource.GRANT, null, grant.grantId(),
                grant.amountMicro(), grant.grantedAt(), grant.expiresAt());
        return addLot(stateOf(state, grant.communityId()), closedLot, lot);
    }

    /**
     * Records one usage finalization: expires what is due at its receipt, debits lots in FIFO order
     * and records the rest as unfunded (I-12). An amount above the reservation is still recorded and
     * debited in full, since the usage happened; it is reported as I-10. The result is always
     * {@link Disposition#APPLIED} with exactly one usage event.
     *
     * <p>This does not de-duplicate: the same finalization applied twice is debited twice. Callers
     * apply only what {@link dev.ledgerstream.ledger.usage.FinalizationDedup} found to be the first
     * version of its finalization id in its community (I-6), as {@code CommunityTask} does.
     *
     * <p>In {@link ChargingMode#SHADOW shadow} mode the usage event records what would have been
     * debited and nothing changes: no entry, no lot touched, the amount waived (SPEC 5.5).
     *
     * @param contentHash {@link dev.ledgerstream.ledger.usage.UsageContent#hash} of {@code usage}
     */
    public static LedgerResult applyUsage(CommunityState state, UsageFinalizationReceived usage, String contentHash,
            ChargingMode mode) {
        CommunityState current = stateOf(state, usage.communityId());
        GuardContext context = new GuardContext(usage.communityId(),
                LedgerIds.usageCause(usage.communityId(), usage.finalizationId()), usage.receivedAt());
        if (mode == ChargingMode.SHADOW) {
            return UsageDebit.shadow(current, usage, contentHash, context);
        }
        try {
            return UsageDebit.record(current, usage, contentHash, context);
        } catch (ArithmeticException overflow) {
            return UsageDebit.recordUnfunded(current, usage, contentHash, context);
        }
    }

    /**
     * Revokes what remains of a refunded payment's lot, open or closed. Credit already spent stays
     * spent and is reported as I-12.
     */
    static LedgerResult applyRevoke(CommunityState state, Lot closedLot, RevokeLot revoke) {
        CommunityState current = stateOf(state, revoke.communityId());
        GuardContext context = new GuardContext(revoke.communityId(), LedgerIds.revocationEntry(revoke.lotId()),
                revoke.occurredAt());
        Lot known = current.findLot(revoke.lotId()).orElse(closedLot);
        if (known == null) {
            return unchanged(current, GuardResult.NONE, Disposition.UNKNOWN_LOT);
        }
        if (known.status() == LotStatus.REVOKED) {
            return unchanged(current, GuardResult.NONE, Disposition.DUPLICATE);
        }
        try {
            Transition transition = Expiry.due(new Transition(current), revoke.occurredAt());
            Lot lot = transition.lot(revoke.lotId()).orElse(known);
            long revoked = lot.remainingMicro();
            transition.move(lot, lot.revoke());
            if (revoked > 0) {
                transition.entry(LedgerRecords.revoked(lot, revoked, revoke.occurredAt()));
            }
            GuardResult guard = ConservationGuard.checkRevocation(lot.lotId(), lot.paymentId(), lot.debitedMicro(),
                    context).plus(transition.checkBook(context));
            return applied(transition, null, guard);
        } catch (ArithmeticException overflow) {
            return unchanged(current, ConservationGuard.overflow(revoke.lotId(), "revoke", context),
                    Disposition.REJECTED);
        }
    }

    /**
     * Writes off every open lot whose expiry time is at or before {@code now}. Call it with stream
     * time or the wall clock; the entries are dated at each lot's expiry time, so a replay writes
     * the same ones. When nothing is due, nothing is checked or emitted. Only known communities can
     * have lots, so {@code state} is never null here.
     */
    public static LedgerResult expire(CommunityState state, Instant now) {
        Objects.requireNonNull(state, "state");
        GuardContext context = new GuardContext(state.communityId(), "expire:" + state.communityId() + ":" + now, now);
        try {
            Transition transition = Expiry.due(new Transition(state), now);
            if (transition.changedNothing()) {
                return unchanged(state, GuardResult.NONE, Disposition.APPLIED);
            }
            return applied(transition, null, transition.checkBook(context));
        } catch (ArithmeticException overflow) {
            return unchanged(state, ConservationGuard.overflow(state.communityId(), "expire", context),
                    Disposition.REJECTED);
        }
    }

    private static LedgerResult addLot(CommunityState state, Lot closedLot, Lot lot) {
        GuardContext context = new GuardContext(lot.communityId(), LedgerIds.mintEntry(lot.lotId()), lot.createdAt());
        if (state.findLot(lot.lotId()).isPresent() || closedLot != null) {
            // A grant re-sent under the same grant id is the same grant; a payment minted twice is I-5.
            return lot.source() == LotSource.GRANT
                    ? unchanged(state, GuardResult.NONE, Disposition.DUPLICATE)
                    : unchanged(state, ConservationGuard.duplicateLot(lot.lotId(), lot.paymentId(), context),
                            Disposition.REJECTED);
        }
        try {
            Transition transition = Expiry.due(new Transition(state), lot.createdAt());
            transition.move(null, lot);
            transition.entry(LedgerRecords.minted(lot));
            return applied(transition, null, transition.checkBook(context));
        } catch (ArithmeticException overflow) {
            return unchanged(state, ConservationGuard.overflow(lot.lotId(), "mint", context), Disposition.REJECTED);
        }
    }

    private static CommunityState stateOf(CommunityState state, String communityId) {
        if (state == null) {
            return CommunityState.empty(communityId);
        }
        if (!state.communityId().equals(communityId)) {
            throw new IllegalArgumentException("command for community " + communityId
                    + " applied to the state of " + state.communityId());
        }
        return state;
    }

    static LedgerResult applied(Transition transition, UsageRecorded usage, GuardResult guard) {
        List<LedgerRecord> events = new ArrayList<>(transition.entries());
        if (usage != null) {
            events.add(usage);
        }
        events.addAll(guard.violations());
        return new LedgerResult(transition.state(), events, guard, Disposition.APPLIED, transition.opened(),
                transition.closed());
    }

    static LedgerResult unchanged(CommunityState state, GuardResult guard, Disposition disposition) {
        return new LedgerResult(state, List.copyOf(guard.violations()), guard, disposition, List.of(), List.of());
    }
}
