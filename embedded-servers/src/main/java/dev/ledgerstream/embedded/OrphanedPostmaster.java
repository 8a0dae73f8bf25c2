package dev.ledgerstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL server that a dead JVM left running on a data directory.
 *
 * <p>PostgreSQL is a child process: when the JVM that started it is killed (not stopped), the
 * server keeps running and holds {@code postmaster.pid}, so the next start on the same data would
 * fail. zonky holds a file lock ({@code epg-lock}) while its JVM lives; a server whose lock is
 * free has no owner and is stopped here before starting a new one.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private static final String PID_FILE = "postmaster.pid";
    private static final String OWNER_LOCK_FILE = "epg-lock";
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private OrphanedPostmaster() {
    }

    static void stopIfAny(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        if (!ownerIsGone(dataDirectory)) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.get().pid()
                    + ") is already running on " + dataDirectory + " for another live process");
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a JVM that died", postmaster.get().pid(), dataDirectory);
        stop(postmaster.get());
    }

    private static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        // The pid may have been reused by an unrelated process since; only a postgres counts.
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    }

    private static boolean ownerIsGone(Path dataDirectory) {
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check who owns PostgreSQL on " + dataDirectory, e);
        }
    }

    private static void stop(ProcessHandle postmaster) {
        // SIGTERM asks for a "smart" shutdown: the sessions of the dead JVM are gone already.
        postmaster.destroy();
        try {
            postmaster.onExit().get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("PostgreSQL (pid {}) ignored SIGTERM for {}; killing it, the next start recovers from the WAL",
                    postmaster.pid(), SHUTDOWN_WAIT);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for PostgreSQL (pid " + postmaster.pid() + ") to stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL (pid " + postmaster.pid() + ")", e);
        }
    }
}
