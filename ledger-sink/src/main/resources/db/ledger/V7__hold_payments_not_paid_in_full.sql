-- Why: a finished payment mints only on what was paid (SPEC 5.2, ADR 0014). A repeat deposit
-- (parent_payment_id set) and a payment whose paid value is below its price are recorded with
-- mint_outcome held_repeat_deposit / held_underpaid, mint nothing, and wait for an operator.
-- The two mint_outcome CHECKs of V3 learn the two values; nothing else changes.
SET ROLE ledger_owner;

ALTER TABLE ledger.crypto_payment_outcomes DROP CONSTRAINT crypto_payment_outcomes_mint_outcome_check;
ALTER TABLE ledger.crypto_payment_outcomes ADD CONSTRAINT crypto_payment_outcomes_mint_outcome_check
    CHECK (mint_outcome IN ('minted', 'below_minimum', 'unsupported_currency', 'invalid_price', 'amount_out_of_range',
                            'unknown_community', 'partially_paid', 'held_repeat_deposit', 'held_underpaid'));

ALTER TABLE ledger.crypto_payments DROP CONSTRAINT crypto_payments_mint_outcome_check;
ALTER TABLE ledger.crypto_payments ADD CONSTRAINT crypto_payments_mint_outcome_check
    CHECK (mint_outcome IN ('minted', 'below_minimum', 'unsupported_currency', 'invalid_price', 'amount_out_of_range',
                            'unknown_community', 'partially_paid', 'held_repeat_deposit', 'held_underpaid'));

RESET ROLE;
