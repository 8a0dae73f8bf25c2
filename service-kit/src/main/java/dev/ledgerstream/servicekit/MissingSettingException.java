package dev.ledgerstream.servicekit;

/**
 * A required setting is missing or unusable: the service refuses to start rather than run insecurely
 * (SPEC 9). Spring Boot reports it in one short block naming the variable, without a stack trace
 * ({@link MissingSettingFailureAnalyzer}).
 */
public class MissingSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    /** {@code variable} is not set. */
    public MissingSettingException(String variable) {
        this(variable, "is not set");
    }

    /** {@code variable} has {@code problem}, e.g. {@code "is not a valid URL"}. */
    public MissingSettingException(String variable, String problem) {
        super(variable + " " + problem + ": the service refuses to start without it (there is no insecure fallback)");
        this.variable = variable;
    }

    /** The same refusal for a {@link SettingProblem} found while reading a setting. */
    public MissingSettingException(SettingProblem problem) {
        this(problem.variable(), problem.problem());
    }

    /** The environment variable, e.g. {@code DATABASE_URL}. */
    public String variable() {
        return variable;
    }
}
