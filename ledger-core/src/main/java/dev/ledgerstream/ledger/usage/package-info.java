/**
 * Usage de-duplication by finalization id (SPEC 5.3, I-6), the step that runs before usage reaches
 * a community's ledger, in two pure parts that {@link dev.ledgerstream.ledger.usage.FinalizationDedup}
 * provides. The main path, per community and in the community's order, takes the community's own
 * {@link dev.ledgerstream.ledger.usage.RecordedFinalization} of an id (or none) and one
 * {@code UsageFinalizationReceived} with its {@link dev.ledgerstream.ledger.usage.UsageContent#hash}, and returns a {@link dev.ledgerstream.ledger.usage.FinalizationCheck}: first
 * sight (store the record, debit the usage), duplicate (absorb) or conflict (the first stands; an
 * I-6 violation). The side check, global, takes the id's owner (the first record seen for it in any
 * community) and returns a {@link dev.ledgerstream.ledger.usage.CrossCommunityCheck}: an owner to
 * record, or an I-6 violation for an id reused by another community, which it only reports, since
 * partitions of different communities have no order that could say which use came first. So an
 * id reused across communities is recorded in both. The stream processors, the reconcile tool and
 * the property tests share these decisions. Debiting is not done here (see {@code ledger.lots}),
 * and neither is storage: the caller keeps the records.
 */
package dev.ledgerstream.ledger.usage;
