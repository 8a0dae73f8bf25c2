package dev.ledgerstream.sink.write;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one committed batch did.
 *
 * @param records     records in the batch
 * @param rowsOffered rows per table the batch asked to insert
 * @param rowsWritten rows per table actually inserted (or, for crypto_payments, inserted or moved
 *                    forward); fewer than offered where rows were already there (a redelivery)
 * @param rejects     records dead-lettered instead of written
 * @param receipts    for every written record that carries it, when the ingest API received it
 * @param committedAt when the database transaction committed
 */
public record WriteResult(int records, Map<LedgerTable, Long> rowsOffered, Map<LedgerTable, Long> rowsWritten,
        List<Reject> rejects, List<Receipt> receipts, Instant committedAt) {

    public WriteResult {
        rowsOffered = Map.copyOf(rowsOffered);
        rowsWritten = Map.copyOf(rowsWritten);
        rejects = List.copyOf(rejects);
        receipts = List.copyOf(receipts);
    }

    /** When the ingest API received the event behind a row of {@code table}. */
    public record Receipt(LedgerTable table, Instant receivedAt) {
    }

    public long rowsWritten(LedgerTable table) {
        return rowsWritten.getOrDefault(table, 0L);
    }

    public long rowsOffered(LedgerTable table) {
        return rowsOffered.getOrDefault(table, 0L);
    }
}
