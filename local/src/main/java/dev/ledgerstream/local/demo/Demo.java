package dev.ledgerstream.local.demo;

import dev.ledgerstream.local.devauth.IpnSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./ledgerstream demo}: sends a running local mode what its users would — signed IPNs for a
 * new community (a 25 USD and a 10 USD pack) and a batch of usage across pools and NFTs — then
 * waits until the admin API reports the result and prints the balance, the spend by pool, an admin
 * token and the dashboard's address.
 */
public final class Demo {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] POOLS = {"cheap", "fast-code", "reviewer", "reasoning", "architect"};
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final URI ingest;
    private final URI admin;
    private final String ipnSecret;
    private final Supplier<String> adminToken;
    private final Supplier<String> usageToken;

    /**
     * The demo against the ingest and admin APIs at {@code ingest} and {@code admin}, signing its IPNs
     * with {@code ipnSecret} and asking {@code adminToken} and {@code usageToken} for a fresh token
     * when it needs one (local mode knows where they come from: {@code LocalMode.demo}).
     */
    public Demo(URI ingest, URI admin, String ipnSecret, Supplier<String> adminToken, Supplier<String> usageToken) {
        this.ingest = ingest;
        this.admin = admin;
        this.ipnSecret = ipnSecret;
        this.adminToken = adminToken;
        this.usageToken = usageToken;
    }

    /** Runs the demo, printing to {@code out}; returns the community's balance in micro-credits as the admin API reports it. */
    public String run(PrintStream out) throws IOException, InterruptedException, GeneralSecurityException {
        String community = UUID.randomUUID().toString();
        String secret = ipnSecret;
        long firstPayment = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        out.println("Community " + community);
        for (String[] ipn : List.of(new String[] {"0", "waiting", "25"}, new String[] {"0", "finished", "25"},
                new String[] {"1", "finished", "10"})) {
            String body = "{\"order_id\":\"" + community + ":demo\",\"payment_id\":" + (firstPayment + Long.parseLong(ipn[0]))
                    + ",\"payment_status\":\"" + ipn[1] + "\",\"price_amount\":" + ipn[2] + ",\"price_currency\":\"usd\"}";
            HttpResponse<String> answer = post(ingest.resolve("/api/crypto/webhook"), body,
                    Map.of("x-nowpayments-sig", IpnSigner.sign(secret, body)));
            out.println("  IPN " + ipn[1] + " " + ipn[2] + " USD -> " + answer.statusCode() + " " + answer.body());
        }
        // Usage follows at once, as a customer who buys and spends at once sends it: sent after the
        // notifications were answered, it is debited against the lots they mint (ADR 0011).
        String token = adminToken.get();
        List<String> events = new ArrayList<>();
        long spent = 0;
        for (int i = 0; i < 30; i++) {
            long amount = 100_000L + 13_000L * i;
            spent += amount;
            events.add("{\"finalization_id\":\"demo-" + community + "-" + i + "\",\"community_id\":\"" + community
                    + "\",\"pool_id\":\"" + POOLS[i % POOLS.length] + "\",\"nft_id\":\"nft-" + (i % 3)
                    + "\",\"tokens_input\":" + (900 + i) + ",\"tokens_output\":" + (200 + i) + ",\"amount_micro\":" + amount
                    + ",\"occurred_at\":\"" + Instant.now() + "\"}");
        }
        HttpResponse<String> usage = post(ingest.resolve("/api/v1/usage/finalizations"),
                "{\"events\":[" + String.join(",", events) + "]}",
                Map.of("authorization", "Bearer " + usageToken.get()));
        out.println("  usage, 30 events, " + spent + " micro-credits -> " + usage.statusCode() + " " + usage.body());

        String balance = awaitBalance(community, token, 38_000_000L - spent);
        out.println("Balance " + balance + " micro-credits (27,500,000 + 10,500,000 minted, " + spent + " spent)");
        out.println("Spend by pool: " + get(admin.resolve("/api/v1/admin/community/" + community + "/usage"), token)
                .body());
        out.println("Dashboard " + admin + "/  community " + community);
        out.println("Admin token (300 s): " + token);
        return balance;
    }

    /** Polls the billing endpoint until the sink has written everything the demo sent. */
    private String awaitBalance(String community, String adminToken, long expected)
            throws IOException, InterruptedException {
        URI billing = admin.resolve("/api/v1/admin/community/" + community + "/billing");
        Pattern balance = Pattern.compile("\"balance_micro\":\"(\\d+)\"");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(billing, adminToken);
            last = response.body();
            Matcher matcher = balance.matcher(last);
            if (response.statusCode() == 200 && matcher.find() && Long.parseLong(matcher.group(1)) == expected) {
                return matcher.group(1);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the admin API did not report the expected balance within " + PATIENCE
                + " (is local mode running?): " + last);
    }

    private static HttpResponse<String> post(URI uri, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
