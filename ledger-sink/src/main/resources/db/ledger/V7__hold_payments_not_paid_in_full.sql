-- Why: a finished payment mints only on what was paid (SPEC 5.2, ADR 0014). A repeat deposit
-- (parent_payment_id set) and a payment whose paid value is below its price are recorded with
-- mint_outcome held_repeat_deposit / held_underpaid, mint nothing, and wait for an operator.
-- The two mint_outcome CHECKs of V3 learn the two values, and the platform admin gets one list of
-- every payment that waits for a resolution, across communities (SPEC 7, unassigned-payments).
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

SET ROLE ledger_platform;

-- Payments that were paid but left uncredited, of every community and of none, newest first:
-- community_id IS NULL (the order named no community) or a mint_outcome in `outcomes`, which the
-- admin API passes from MintOutcome.awaitsResolution so that the list is written once.
CREATE FUNCTION platform.payments_awaiting_resolution(outcomes text[], max_rows integer)
    RETURNS SETOF ledger.crypto_payments
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.crypto_payments
    WHERE community_id IS NULL OR mint_outcome = ANY (outcomes)
    ORDER BY updated_at DESC, payment_id DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

REVOKE ALL ON FUNCTION platform.payments_awaiting_resolution(text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.payments_awaiting_resolution(text[], integer) TO ledger_reader;

RESET ROLE;
