package dev.ledgerstream.ingest.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * The provider's payment-status API: {@code GET {base}/v1/payment/{id}} with the {@code x-api-key}
 * header. Every failure (a timeout, a refused connection, a status other than 200, a body beyond
 * {@link #MAX_ANSWER_BYTES}) is an {@link Answer} that says why, never an exception: the job logs
 * it and asks again on its next run.
 */
public final class PaymentStatusApi {

    /** A status answer is a few hundred bytes; anything much larger is not one. */
    static final int MAX_ANSWER_BYTES = 65_536;

    /** What the provider answered about one payment. */
    public sealed interface Answer {
    }

    /** A 200 with its body. */
    public record Body(byte[] bytes) implements Answer {
    }

    /** Anything else, and why. */
    public record Failure(String why) implements Answer {
    }

    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    public PaymentStatusApi(URI base, String apiKey, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the provider's API needs NOWPAYMENTS_API_KEY");
        }
        this.apiKey = apiKey.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Asks about {@code paymentId} (digits only: the caller read it from the ledger). */
    public Answer ask(String paymentId) {
        if (!paymentId.matches("[0-9]{1,40}")) {
            return new Failure("not a payment id: " + paymentId);
        }
        String path = base.getPath() == null || base.getPath().isEmpty() || base.getPath().equals("/") ? ""
                : base.getPath().replaceAll("/+$", "");
        URI uri = base.resolve(path + "/v1/payment/" + paymentId);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("x-api-key", apiKey)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return new Failure("status " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
                return bytes.length > MAX_ANSWER_BYTES ? new Failure("answer longer than " + MAX_ANSWER_BYTES + " bytes")
                        : new Body(bytes);
            }
        } catch (HttpTimeoutException e) {
            return new Failure("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Failure("unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted");
        }
    }
}
