package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.ledger.MintOutcome;
import java.util.Objects;

/**
 * The credit a price buys: {@code MINTED} with a positive amount, or the reason it buys none (with
 * 0). Whether the payment names a community is decided elsewhere.
 */
public record CreditQuote(MintOutcome outcome, long creditsMicro) {

    public CreditQuote {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == MintOutcome.MINTED) != (creditsMicro > 0) || creditsMicro < 0) {
            throw new IllegalArgumentException("a quote mints a positive amount or nothing: " + outcome + " " + creditsMicro);
        }
    }

    static CreditQuote none(MintOutcome reason) {
        return new CreditQuote(reason, 0);
    }
}
