package dev.ledgerstream.servicekit;

/**
 * A setting that is missing or unusable, naming its variable; each service turns it into its own
 * start-up refusal (one line naming the variable, SPEC 9).
 */
public final class SettingProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String variable;
    private final String problem;

    public SettingProblem(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
        this.problem = problem;
    }

    /** The environment variable, e.g. {@code DATABASE_URL}. */
    public String variable() {
        return variable;
    }

    /** What is wrong with it, e.g. {@code is not set}. */
    public String problem() {
        return problem;
    }
}
