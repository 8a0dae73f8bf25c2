package dev.ledgerstream.sink.config;

/** A required setting is missing or unusable: the sink refuses to start. */
public class MissingSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    public MissingSettingException(String variable, String problem) {
        super(variable + " " + problem + ": the ledger sink refuses to start without it");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
