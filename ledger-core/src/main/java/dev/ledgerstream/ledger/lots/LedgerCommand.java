package dev.ledgerstream.ledger.lots;

/**
 * A change to a community's lots that something other than usage asks for: mints and revocations
 * come from the payment decider, in the same community task; grants come from operators. Usage is
 * applied by {@link CommunityLedger#applyUsage}, after the finalization dedup step. All are keyed
 * by {@link #communityId()}.
 */
public sealed interface LedgerCommand permits MintLot, GrantLot, RevokeLot {

    String communityId();

    /** The lot the command creates or changes. */
    String lotId();
}
