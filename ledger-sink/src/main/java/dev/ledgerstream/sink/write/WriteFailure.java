package dev.ledgerstream.sink.write;

/**
 * A batch could not be written and nothing of it was committed: the caller retries it later and
 * advances no offset. Records refused for their data never end up here; they are rejects.
 */
public final class WriteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    WriteFailure(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        if (kind == FailureKind.DATA) {
            throw new IllegalArgumentException("a data failure is a reject, not a write failure");
        }
        this.kind = kind;
    }

    /** {@link FailureKind#TRANSIENT} or {@link FailureKind#PERMANENT}. */
    public FailureKind kind() {
        return kind;
    }
}
