package dev.ledgerstream.servicekit;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.Locale;

/**
 * The rule for a URL a service fetches secrets or money-moving answers from (a JWKS, the payment
 * provider's API): absolute, https, or plain http on a loopback host only (local mode and tests),
 * since plain http would let anyone on the path substitute what comes back.
 */
public final class HttpsUrl {

    private HttpsUrl() {
    }

    /** {@code url}, checked; throws a {@link SettingProblem} naming {@code variable}. */
    public static URI require(String variable, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (!url.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new SettingProblem(variable, "must be an absolute https URL");
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw new SettingProblem(variable, "must use https (http is allowed for a loopback host only)");
        }
        try {
            url.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new SettingProblem(variable, "is not a valid URL");
        }
        return url;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }
}
