-- Why: privileges are the first wall of the append-only, tenant-scoped ledger; the triggers (V3)
-- and policies (V4) are the second. The writer may INSERT and nothing else, except the forward
-- move of a payment's state (the columns that change with its status, checked by the
-- crypto_payments_forward_only trigger). The reader may SELECT the tenant tables and the
-- lot_balances view, always under row-level security; the tables without a community (webhooks,
-- dead letters, rejects, reconciliation runs) it reaches only through the platform functions (V6).
-- No one gets DELETE, TRUNCATE, REFERENCES or TRIGGER.
SET ROLE ledger_owner;

REVOKE ALL ON ALL TABLES IN SCHEMA ledger FROM PUBLIC;
GRANT USAGE ON SCHEMA app, ledger TO ledger_writer, ledger_reader, ledger_platform;
GRANT EXECUTE ON FUNCTION app.current_community_id() TO ledger_writer, ledger_reader, ledger_platform;

GRANT INSERT ON ledger.credit_lots, ledger.lot_entries, ledger.usage_events, ledger.webhook_events,
        ledger.crypto_payment_outcomes, ledger.crypto_payments, ledger.guard_violations,
        ledger.reconciliation_runs, ledger.dead_letters, ledger.sink_rejects
    TO ledger_writer;
GRANT SELECT ON ledger.crypto_payments TO ledger_writer;
GRANT UPDATE (status, mint_outcome, lot_id, credited_micro, price_amount, price_currency, order_id,
        last_event_id, updated_at)
    ON ledger.crypto_payments TO ledger_writer;

GRANT SELECT ON ledger.credit_lots, ledger.lot_entries, ledger.lot_balances, ledger.usage_events,
        ledger.crypto_payment_outcomes, ledger.crypto_payments, ledger.guard_violations
    TO ledger_reader;

GRANT SELECT ON ledger.credit_lots, ledger.lot_entries, ledger.lot_balances, ledger.usage_events,
        ledger.webhook_events, ledger.crypto_payment_outcomes, ledger.crypto_payments, ledger.guard_violations,
        ledger.reconciliation_runs, ledger.dead_letters, ledger.sink_rejects
    TO ledger_platform;

RESET ROLE;
