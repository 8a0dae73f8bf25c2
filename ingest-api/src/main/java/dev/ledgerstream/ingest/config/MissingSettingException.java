package dev.ledgerstream.ingest.config;

/** A required setting is missing: the service refuses to start rather than run insecurely. */
public class MissingSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    public MissingSettingException(String variable) {
        this(variable, "is not set");
    }

    public MissingSettingException(String variable, String problem) {
        super(variable + " " + problem + ": the ingest API refuses to start without it (there is no insecure fallback)");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
