package dev.ledgerstream.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP calls of the ingest scenarios, one set per client thread: each thread is one sender
 * with its own {@link HttpClient} (HTTP/1.1 keep-alive over loopback), as separate publishers
 * would be. A call succeeds only on the documented answer; anything else is an error.
 */
final class IngestCalls {

    static final String WEBHOOK = "/api/crypto/webhook";
    static final String USAGE = "/api/v1/usage/finalizations";
    /** A token is renewed well before its 300 s lifetime ends, so long runs keep working. */
    private static final Duration TOKEN_RENEWAL = Duration.ofSeconds(240);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    IngestCalls(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Signed IPNs, each a new payment: 200 and not quarantined. */
    Call ipn() {
        IpnRequests ipns = new IpnRequests();
        return () -> {
            ipn(ipns, IpnRequests.nextBody());
            return 1;
        };
    }

    /** One signed IPN with this body: 200 and not quarantined, or an exception. */
    void ipn(IpnRequests ipns, byte[] body) throws Exception {
        HttpResponse<String> response = send(post(WEBHOOK, body)
                .header("x-nowpayments-sig", ipns.signature(body)).build());
        expect(response, 200, !response.body().contains("quarantined"));
    }

    /**
     * Usage requests of {@code eventsPerRequest} events (1 sends a bare event, more a batch), all
     * with this thread's token, which is reused until it nears expiry, as a publisher does.
     */
    Call usage(UsageTokenIssuer issuer, int thread, int eventsPerRequest) {
        return new UsageSender(issuer, new UsageRequests(thread), eventsPerRequest);
    }

    private final class UsageSender implements Call {
        private final UsageTokenIssuer issuer;
        private final UsageRequests requests;
        private final int eventsPerRequest;
        private final String accepted;
        private String token;
        private long mintedAtNanos;

        UsageSender(UsageTokenIssuer issuer, UsageRequests requests, int eventsPerRequest) {
            this.issuer = issuer;
            this.requests = requests;
            this.eventsPerRequest = eventsPerRequest;
            this.accepted = "{\"accepted\":" + eventsPerRequest + "}";
            renewToken();
        }

        @Override
        public int run() throws Exception {
            if (System.nanoTime() - mintedAtNanos > TOKEN_RENEWAL.toNanos()) {
                renewToken();
            }
            byte[] body = eventsPerRequest == 1 ? requests.single() : requests.batch(eventsPerRequest);
            HttpResponse<String> response = send(post(USAGE, body).header("authorization", "Bearer " + token).build());
            expect(response, 202, response.body().equals(accepted));
            return eventsPerRequest;
        }

        private void renewToken() {
            token = issuer.mint();
            mintedAtNanos = System.nanoTime();
        }
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, boolean bodyAsExpected) {
        if (response.statusCode() != status || !bodyAsExpected) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }
}
