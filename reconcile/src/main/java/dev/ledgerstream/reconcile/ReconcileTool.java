package dev.ledgerstream.reconcile;

import ch.qos.logback.classic.Level;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.servicekit.SettingProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's command line for SPEC 8:
 * <pre>
 *   reconcile [--from TIME] [--settle 30s] [--json FILE] [--every DURATION]
 *   rebuild   [--json FILE]
 * </pre>
 * Configuration comes from the environment ({@link ToolSettings}). Exit status: 0 when the ledger
 * equals the replay, 1 when it differs, 2 when the run could not be done (the reason on stderr).
 * With {@code --every}, reconcile runs again after each interval until stopped, and the status is
 * that of the last run.
 */
public final class ReconcileTool {

    static final int SAME = 0;
    static final int DIFFERENT = 1;
    static final int FAILED = 2;

    private ReconcileTool() {
    }

    public static void main(String[] args) {
        System.exit(runQuietly(args, System.getenv(), System.out, System.err));
    }

    /** {@link #run}, with the Kafka and PostgreSQL clients' logging turned down to warnings: a command line's entry point. */
    public static int runQuietly(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        quietLibraries();
        return run(args, env, out, err);
    }

    /** Runs one command line; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        String command = rest.pollFirst();
        if (command == null || command.equals("help") || command.equals("--help")) {
            out.println(usage());
            return command == null ? FAILED : SAME;
        }
        try {
            Duration settle = Duration.ofSeconds(30);
            Duration every = null;
            Path json = null;
            Instant from = null;
            while (!rest.isEmpty()) {
                String option = rest.pollFirst();
                String value = rest.pollFirst();
                if (value == null) {
                    throw new ToolFailure(option + " needs a value");
                }
                switch (option) {
                    case "--settle" -> settle = duration(value);
                    case "--every" -> every = duration(value);
                    case "--json" -> json = Path.of(value);
                    case "--from" -> from = instant(value);
                    default -> throw new ToolFailure("unknown option " + option);
                }
            }
            Reconciler reconciler = new Reconciler(ToolSettings.fromEnvironment(env), Clock.systemUTC(), err);
            switch (command) {
                case "reconcile" -> {
                    while (true) {
                        ReconcileReport report = reconciler.reconcile(settle, from);
                        int status = finish(report, json, out);
                        if (every == null) {
                            return status;
                        }
                        Thread.sleep(every.toMillis());
                    }
                }
                case "rebuild" -> {
                    if (from != null) {
                        throw new ToolFailure("rebuild always replays from the beginning; --from is for reconcile");
                    }
                    return finish(reconciler.rebuild(), json, out);
                }
                default -> throw new ToolFailure("unknown command " + command + "\n" + usage());
            }
        } catch (ToolFailure | SettingProblem e) {
            err.println(command + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(command + ": interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println(command + " failed: " + e);
            return FAILED;
        }
    }

    private static int finish(ReconcileReport report, Path json, PrintStream out) throws IOException {
        report.print(out);
        if (json != null) {
            Files.writeString(json, LedgerJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            out.println("JSON report: " + json.toAbsolutePath());
        }
        return report.ok() ? SAME : DIFFERENT;
    }

    /** An instant in ISO-8601 with an offset, e.g. {@code 2026-11-22T10:00:00Z}. */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ToolFailure("not a time: " + text + " (ISO-8601 with an offset, e.g. 2026-11-22T10:00:00Z)");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT1H}). */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(text);
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ToolFailure("not a duration: " + text + " (e.g. 30s, 15m, 1h)");
        }
    }

    static String usage() {
        return """
                Usage: reconcile [--from TIME] [--settle 30s] [--json FILE] [--every DURATION]
                       rebuild   [--json FILE]

                reconcile  Replays payments.ipn.v1 and usage.finalizations.v1 from the beginning through the
                           ledger logic and compares the result with PostgreSQL per community: balance, lots
                           and their remaining credit, usage totals by pool, every entry and usage event,
                           payment states and mint outcomes, and a digest of each community's entries. Waits
                           up to --settle for the pipeline to catch up first. Records the run in
                           reconciliation_runs. Exit status 0: same; 1: different; 2: could not run.
                           --from 2026-11-22T10:00:00Z: trust the ledger before that time, resume from
                           its state then, and check everything caused from then on (the rows, and the
                           final state of every lot and payment).
                rebuild    Builds the ledger afresh in the empty database DATABASE_URL names, from the raw
                           topics alone, through the same logic and the sink's writer, then reconciles it.

                Environment: KAFKA_BOOTSTRAP_SERVERS, DATABASE_URL (+ DATABASE_USER, DATABASE_PASSWORD; the
                login must be a member of ledger_platform and ledger_writer, as the one that ran the
                migrations is), LOT_TTL_DAYS (as the stream processors have it), RECONCILE_WORK_DIR
                (scratch store, default the temporary folder), STREAMS_APPLICATION_ID, SINK_GROUP_ID.""";
    }

    /** The Kafka and PostgreSQL clients' information logging would bury the report. */
    private static void quietLibraries() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.WARN);
        }
    }
}
