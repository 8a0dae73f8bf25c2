package dev.ledgerstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's temporary data folder (broker logs, PostgreSQL, state), deleted with its contents on close. */
final class BenchFolder implements AutoCloseable {

    private final Path path;

    private BenchFolder(Path path) {
        this.path = path;
    }

    static BenchFolder create(String prefix) throws IOException {
        return new BenchFolder(Files.createTempDirectory(prefix));
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's data folder " + path, e);
        }
    }
}
