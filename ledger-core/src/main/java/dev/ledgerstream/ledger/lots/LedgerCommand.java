package dev.ledgerstream.ledger.lots;

/**
 * Something that changes a community's ledger. Usage comes from {@code usage.finalizations.v1}
 * through the finalization dedup step ({@code ledger.usage}), which lets each finalization id in
 * once per community;
 * mints and revocations come from the payment decider and travel to the community's partition;
 * grants come from operators. All are keyed by {@link #communityId()}.
 */
public sealed interface LedgerCommand permits UsageInput, MintLot, GrantLot, RevokeLot {

    String communityId();
}
