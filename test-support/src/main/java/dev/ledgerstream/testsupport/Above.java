package dev.ledgerstream.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files a test reads from the checkout or beside it (the deployment scripts, the shared fixtures),
 * found by walking up from the working directory, so a test runs alike from its module or the root.
 */
public final class Above {

    private Above() {
    }

    /** {@code relative} in the nearest folder, from the working directory up, that has it. */
    public static Optional<Path> find(String relative) {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
