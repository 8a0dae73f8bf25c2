-- Why: a missed webhook must not leave a paid customer uncredited (SPEC 5.5, ADR 0016). The ingest
-- API's stuck-payment recovery asks the provider about payments whose latest status is not final
-- and has not moved for a while; this is where it finds them, across communities, oldest first.
-- Read through the reader role like the other platform functions; it returns only what the poll
-- needs (no amounts), at most 1,000 rows.
SET ROLE ledger_owner;

CREATE INDEX crypto_payments_in_flight ON ledger.crypto_payments (updated_at, payment_id)
    WHERE status IN ('waiting', 'confirming', 'confirmed', 'sending', 'partially_paid');

RESET ROLE;

SET ROLE ledger_platform;

CREATE FUNCTION platform.payments_in_flight(older_than timestamptz, max_rows integer)
    RETURNS TABLE (payment_id text, community_id uuid, order_id text, status text, updated_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.payment_id, p.community_id, p.order_id, p.status, p.updated_at
    FROM ledger.crypto_payments p
    WHERE p.status IN ('waiting', 'confirming', 'confirmed', 'sending', 'partially_paid')
      AND p.updated_at < older_than
    ORDER BY p.updated_at, p.payment_id LIMIT least(greatest(max_rows, 0), 1000)
$$;

REVOKE ALL ON FUNCTION platform.payments_in_flight(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.payments_in_flight(timestamptz, integer) TO ledger_reader;

RESET ROLE;
