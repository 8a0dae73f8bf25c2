package dev.ledgerstream.admin.conservation;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conservation check evaluated now over the stored ledger (SPEC 5.4), with the figures it
 * compared (amounts as strings), so that an operator can see why it failed.
 *
 * @param invariant {@code I-1} … {@code I-13}
 * @param result    {@code pass} or {@code fail}
 * @param observed  the compared figures by name
 */
public record InvariantCheck(String invariant, String description, String result, Map<String, String> observed) {

    public static InvariantCheck of(String invariant, String description, boolean holds, Map<String, String> observed) {
        return new InvariantCheck(invariant, description, holds ? "pass" : "fail",
                Collections.unmodifiableMap(new LinkedHashMap<>(observed)));
    }

    /** Figures by name, in the order given: {@code figures("minted_micro", 5L, "debited_micro", 2L)}. */
    public static Map<String, String> figures(Object... namesAndValues) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            figures.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return figures;
    }

    /** The largest amount a 64-bit signed long holds (SPEC 1). */
    private static final BigInteger MAX_MICRO = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * I-9 over sums of the stored ledger: each must fit a non-negative 64-bit integer. Sums are read
     * exactly ({@code numeric}), so one that does not fit is reported here, never an error (SPEC 7).
     */
    public static InvariantCheck i9(Map<String, BigInteger> sums) {
        Map<String, String> beyond = new LinkedHashMap<>();
        sums.forEach((name, sum) -> {
            if (sum.signum() < 0 || sum.compareTo(MAX_MICRO) > 0) {
                beyond.put(name, sum.toString());
            }
        });
        return of("I-9", "every sum is a non-negative 64-bit integer", beyond.isEmpty(), beyond);
    }

    public boolean failed() {
        return result.equals("fail");
    }
}
