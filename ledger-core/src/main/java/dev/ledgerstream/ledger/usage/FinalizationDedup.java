package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.util.Optional;

/**
 * De-duplication of usage by finalization id (SPEC 5.3, I-6) as pure decisions, in two parts that
 * the stream topology and {@code ReplayLedger} run for every usage, side check first.
 *
 * <ul>
 *   <li><b>Main path, per community, in the community's order:</b> the caller looks up the usage's
 *       community's own record of the id (key {@link RecordedFinalization#storeKey(String, String)}),
 *       calls {@link #check}, stores {@link FinalizationCheck#recorded()} when the verdict is
 *       {@code FIRST}, emits {@link FinalizationCheck#events()}, and passes the usage on to
 *       {@code CommunityLedger.applyUsage} only on {@code FIRST}. A resend is absorbed; other
 *       content under the same id in the same community is a conflict: the first version stands.</li>
 *   <li><b>Side check, global, reporting only:</b> the caller looks up the id's owner (the first
 *       record seen for it in any community), calls {@link #crossCommunity}, stores
 *       {@link CrossCommunityCheck#ownerToRecord()} when present, and emits
 *       {@link CrossCommunityCheck#events()}: an I-6 violation when another community owns the id.
 *       It never stops the usage.</li>
 * </ul>
 *
 * <p>Why the side check only reports: usage is keyed by community, so each community's usage
 * keeps the order it was ingested in, and the live ledger debits the same lots as a replay (I-14).
 * Partitions of different communities have no order between them, so nothing could say which of
 * two communities used an id first in a way a replay reproduces. Consequently a finalization id
 * reused across communities is recorded (and debited) in both communities and reported as an I-6
 * violation, filed under each community the side check sees using the id after its owner, naming
 * both communities and both content hashes; the sink keys usage events by {@code (community_id, finalization_id)}.
 * Which community the side check sees first can differ between the live topology and a replay,
 * but that only changes the violation's evidence, never a balance.
 */
public final class FinalizationDedup {

    private FinalizationDedup() {
    }

    /**
     * The main path: decides {@code usage} given its own community's record of its finalization id
     * ({@code prior}, null when the community has not seen the id yet). Throws only for a caller
     * bug: a record of another id. Given another community's record it reports a conflict, which is
     * what {@link #crossCommunity} relies on; the main path never passes one.
     *
     * @param hash {@link UsageContent#hash} of {@code usage}, computed once by the caller
     */
    public static FinalizationCheck check(RecordedFinalization prior, UsageFinalizationReceived usage, String hash) {
        return check(prior, claim(usage, hash));
    }

    /**
     * What a usage claims: its finalization id, in its community, with its content, received when
     * it was. This is what a first sight records, and all that the side check needs of a usage.
     */
    public static RecordedFinalization claim(UsageFinalizationReceived usage, String hash) {
        return new RecordedFinalization(usage.finalizationId(), usage.communityId(), hash, usage.receivedAt());
    }

    private static FinalizationCheck check(RecordedFinalization prior, RecordedFinalization claim) {
        requireSameId(prior, claim);
        // The same cause id as the usage's ledger operation, so both are traced to the finalization.
        GuardContext context = new GuardContext(claim.communityId(),
                LedgerIds.usageCause(claim.communityId(), claim.finalizationId()), claim.recordedAt());
        if (prior == null) {
            return new FinalizationCheck(FinalizationVerdict.FIRST, claim, guard(null, claim, context));
        }
        boolean sameVersion = prior.communityId().equals(claim.communityId())
                && prior.contentHash().equals(claim.contentHash());
        FinalizationVerdict verdict = sameVersion ? FinalizationVerdict.DUPLICATE : FinalizationVerdict.CONFLICT;
        return new FinalizationCheck(verdict, prior, guard(prior, claim, context));
    }

    /**
     * The side check: decides {@code usage} given the owner of its finalization id ({@code owner},
     * the first record seen for the id in any community; null when the id is new). A new id gets
     * an owner to record; an id owned by another community gets exactly the I-6 violation that
     * {@link #check} reports for it; an id owned by the usage's own community gets nothing, since
     * its main path decides it. Throws only for a caller bug: a record of another id.
     */
    public static CrossCommunityCheck crossCommunity(RecordedFinalization owner, RecordedFinalization claim) {
        requireSameId(owner, claim);
        if (owner == null) {
            return new CrossCommunityCheck(Optional.of(claim), GuardResult.NONE);
        }
        if (owner.communityId().equals(claim.communityId())) {
            return CrossCommunityCheck.NOTHING;
        }
        return new CrossCommunityCheck(Optional.empty(), check(owner, claim).guard());
    }

    private static void requireSameId(RecordedFinalization recorded, RecordedFinalization claim) {
        if (recorded != null && !recorded.finalizationId().equals(claim.finalizationId())) {
            throw new IllegalArgumentException("finalization " + claim.finalizationId()
                    + " checked against the record of " + recorded.finalizationId());
        }
    }

    private static GuardResult guard(RecordedFinalization prior, RecordedFinalization claim, GuardContext context) {
        return ConservationGuard.checkFinalization(claim.finalizationId(),
                prior == null ? null : prior.communityId(), prior == null ? null : prior.contentHash(),
                claim.communityId(), claim.contentHash(), context);
    }
}
