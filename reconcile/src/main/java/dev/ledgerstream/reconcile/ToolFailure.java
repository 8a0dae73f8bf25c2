package dev.ledgerstream.reconcile;

/** A run that cannot be done as asked, with a message for the operator; the tool exits 2. */
final class ToolFailure extends RuntimeException {

    ToolFailure(String message) {
        super(message);
    }
}
