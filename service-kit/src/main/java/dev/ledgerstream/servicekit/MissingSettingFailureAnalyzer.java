package dev.ledgerstream.servicekit;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing setting into Spring Boot's short start-up failure report, without a stack trace. */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.variable() + " in the environment (see the configuration table in README.md).", cause);
    }
}
