package dev.ledgerstream.sink.write;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Classifies a failed database call by its SQLSTATE. The classes are PostgreSQL's (Appendix A of
 * its manual): 08 connection, 40 transaction rollback, 53 insufficient resources, 57 operator
 * intervention, 58 system error are transient; 22 data exception and 23 integrity violation are
 * the record's fault. A row-level security check that fails is the record's fault too: it means
 * the record names another community than the row it would change (a payment moved between
 * communities), which the writer's scope cannot allow.
 */
public final class SqlFailures {

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> DATA_CLASSES = Set.of("22", "23");
    /** Lock not available ({@code lock_timeout}) and object in use: the same call can succeed later. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "55006");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** The server routine that raises row-level security violations; unlike the message, never translated. */
    private static final String ROW_SECURITY_ROUTINE = "ExecWithCheckOptions";

    private SqlFailures() {
    }

    public static FailureKind classify(SQLException thrown) {
        SQLException failure = cause(thrown);
        String state = failure.getSQLState();
        if (state == null || state.length() != 5) {
            // No SQLSTATE: the driver failed before the server answered (I/O, a closed connection).
            return FailureKind.TRANSIENT;
        }
        String stateClass = state.substring(0, 2);
        if (TRANSIENT_CLASSES.contains(stateClass) || TRANSIENT_STATES.contains(state)
                || failure instanceof SQLTransientException) {
            return FailureKind.TRANSIENT;
        }
        if (DATA_CLASSES.contains(stateClass) || isRowSecurityViolation(failure, state)) {
            return FailureKind.DATA;
        }
        return FailureKind.PERMANENT;
    }

    private static boolean isRowSecurityViolation(SQLException failure, String state) {
        if (!INSUFFICIENT_PRIVILEGE.equals(state)) {
            return false;
        }
        if (failure instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && ROW_SECURITY_ROUTINE.equals(server.getRoutine())) {
                return true;
            }
        }
        String message = failure.getMessage();
        return message != null && message.contains("row-level security");
    }

    /**
     * The failure that says what went wrong: for a batch, the failing statement's own exception
     * rather than the driver's summary of the batch.
     */
    static SQLException cause(SQLException thrown) {
        return thrown instanceof BatchUpdateException && thrown.getNextException() != null
                ? thrown.getNextException() : thrown;
    }

    /** The server's message without the driver's decorations, bounded for a header or a column. */
    static String describe(SQLException thrown) {
        SQLException failure = cause(thrown);
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return failure.getSQLState() + " " + Texts.bounded(message);
    }
}
