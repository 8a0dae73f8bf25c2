package dev.ledgerstream.testsupport;

import java.util.Optional;

/**
 * Reads the settings of the test servers: a JVM system property of the given name wins (Maven
 * passes {@code -DNAME=value} on to the test JVM), else the environment variable; blank counts as unset.
 */
final class Settings {

    private Settings() {
    }

    static Optional<String> read(String name) {
        return Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(name)))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    static String readOr(String name, String fallback) {
        return read(name).orElse(fallback);
    }
}
