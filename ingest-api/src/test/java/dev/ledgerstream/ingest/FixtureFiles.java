package dev.ledgerstream.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/fixtures} beside the checkout; the fixtures are read, never copied. */
final class FixtureFiles {

    private FixtureFiles() {
    }

    static Path nowpaymentsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/nowpayments");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/fixtures/nowpayments not found above " + Path.of("").toAbsolutePath()
                + ": the fixtures live in the shared folder beside the checkout");
    }
}
