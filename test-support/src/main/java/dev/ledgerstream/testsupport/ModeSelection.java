package dev.ledgerstream.testsupport;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Decides where each test server runs: forced by {@value #FORCE_SETTING}, else external when its
 * variable is set, else Testcontainers when a Docker engine answers, else embedded.
 */
final class ModeSelection {

    static final String FORCE_SETTING = "LEDGER_TEST_SERVERS";
    static final String KAFKA_SETTING = "KAFKA_BOOTSTRAP_SERVERS";
    static final String DATABASE_SETTING = "DATABASE_URL";
    private static final String AUTO = "auto";

    /** The chosen mode and, for the log line, why. */
    record Decision(ServerMode mode, String reason) {
    }

    private final Function<String, Optional<String>> settings;
    private final BooleanSupplier dockerAvailable;

    /**
     * @param settings        reads a setting by name; empty when unset or blank
     * @param dockerAvailable asked at most when neither forcing nor an external server decides
     */
    ModeSelection(Function<String, Optional<String>> settings, BooleanSupplier dockerAvailable) {
        this.settings = settings;
        this.dockerAvailable = dockerAvailable;
    }

    Decision kafka() {
        return decide(KAFKA_SETTING);
    }

    Decision postgres() {
        return decide(DATABASE_SETTING);
    }

    private Decision decide(String externalSetting) {
        Optional<String> forced = settings.apply(FORCE_SETTING).filter(value -> !AUTO.equalsIgnoreCase(value));
        if (forced.isPresent()) {
            return forced(parse(forced.get()), externalSetting);
        }
        if (settings.apply(externalSetting).isPresent()) {
            return new Decision(ServerMode.EXTERNAL, externalSetting + " is set");
        }
        if (dockerAvailable.getAsBoolean()) {
            return new Decision(ServerMode.TESTCONTAINERS, "a Docker engine is available");
        }
        return new Decision(ServerMode.EMBEDDED, "no " + externalSetting + ", no Docker engine");
    }

    private Decision forced(ServerMode mode, String externalSetting) {
        String reason = FORCE_SETTING + "=" + mode.name().toLowerCase(Locale.ROOT);
        if (mode == ServerMode.EXTERNAL && settings.apply(externalSetting).isEmpty()) {
            throw new IllegalStateException(reason + " needs " + externalSetting + " to be set");
        }
        if (mode == ServerMode.TESTCONTAINERS && !dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(reason + " but no Docker engine is available");
        }
        return new Decision(mode, reason);
    }

    private static ServerMode parse(String value) {
        try {
            return ServerMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(FORCE_SETTING + " must be embedded, testcontainers, external or auto, not '"
                    + value + "'", e);
        }
    }
}
