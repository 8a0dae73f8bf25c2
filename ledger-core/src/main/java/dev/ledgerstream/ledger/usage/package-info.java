/**
 * Usage de-duplication by finalization id (SPEC 5.3, I-6), the step that runs before usage reaches
 * a community's ledger: {@link dev.ledgerstream.ledger.usage.FinalizationDedup} takes the stored
 * {@link dev.ledgerstream.ledger.usage.RecordedFinalization} of an id (or none) and one
 * {@code UsageInput}, and returns a {@link dev.ledgerstream.ledger.usage.FinalizationCheck}: first
 * sight (store the record, debit the usage), duplicate (absorb) or conflict (the first stands; an
 * I-6 violation). It is keyed by finalization id rather than by community because an id is
 * globally unique and because a per-community set of ids would make the community's state grow with
 * its usage. The stream processor, the reconcile tool and the property tests share it. Debiting is
 * not done here (see {@code ledger.lots}), and neither is storage: the caller keeps the records.
 */
package dev.ledgerstream.ledger.usage;
