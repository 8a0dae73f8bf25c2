package dev.ledgerstream.local;

import sun.misc.Signal;

/**
 * Makes SIGTERM and SIGINT (Ctrl-C) a normal exit: {@code System.exit(0)} runs the shutdown hook,
 * which stops everything in order, and the process then exits 0. Without this the JVM runs the same
 * hook but exits 143 or 130, which supervisors and scripts read as a failure although the stop was
 * clean. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the only way to do this in Java 17.
 */
final class ExitOnSignal {

    private ExitOnSignal() {
    }

    static void install(String... signals) {
        for (String name : signals) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException e) {
                // The signal is not available here (reserved by the JVM or unknown to the OS): the
                // JVM's default applies, which still runs the shutdown hook.
            }
        }
    }
}
