package dev.ledgerstream.local.actions;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./ledgerstream action grant|release|dismiss|mode|list|modes …}: an operator's action (SPEC 5.5)
 * through the admin API's {@code POST /api/v1/admin/actions}, the latest actions' outcomes, or the
 * charging modes in force. The command
 * adds nothing to the API's rules: it builds the body from the options, sends it with an admin
 * token, and prints the answer. Without {@code --key} a fresh idempotency key is made and printed,
 * so that a retry after a failure can send the same action again.
 *
 * <pre>
 * ./ledgerstream action grant --community ID --amount-micro N --reason TEXT [--expires-at TIME] [--key KEY]
 * ./ledgerstream action release --payment ID --reason TEXT [--key KEY]
 * ./ledgerstream action dismiss --payment ID --reason TEXT [--key KEY]
 * ./ledgerstream action mode --charging live|shadow --minting live|paused --reason TEXT [--community ID] [--key KEY]
 * ./ledgerstream action list [--limit N]
 * ./ledgerstream action modes
 * </pre>
 */
public final class ActionCommand {

    static final String USAGE = """
            usage: ledgerstream action grant --community ID --amount-micro N --reason TEXT [--expires-at TIME] [--key KEY]
                   ledgerstream action release --payment ID --reason TEXT [--key KEY]
                   ledgerstream action dismiss --payment ID --reason TEXT [--key KEY]
                   ledgerstream action mode --charging live|shadow --minting live|paused --reason TEXT [--community ID] [--key KEY]
                                (no --community: every community)
                   ledgerstream action list [--limit N]
                   ledgerstream action modes""";

    private static final Map<String, String> FIELDS = Map.of("--community", "community_id", "--payment", "payment_id",
            "--amount-micro", "amount_micro", "--reason", "reason", "--expires-at", "expires_at",
            "--key", "idempotency_key", "--charging", "charging", "--minting", "minting");
    /** The word on the command line for the kinds whose wire name is long. */
    private static final Map<String, String> KINDS = Map.of("mode", "set_charging_mode");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "grant", Set.of("--community", "--amount-micro", "--reason", "--expires-at", "--key"),
            "release", Set.of("--payment", "--reason", "--key"),
            "dismiss", Set.of("--payment", "--reason", "--key"),
            "mode", Set.of("--community", "--charging", "--minting", "--reason", "--key"),
            "list", Set.of("--limit"),
            "modes", Set.of());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI admin;
    private final Supplier<String> token;

    /** Against the admin API at {@code admin}, with tokens from {@code token}. */
    public ActionCommand(URI admin, Supplier<String> token) {
        this.admin = admin;
        this.token = token;
    }

    /**
     * Runs {@code args} (after the word {@code action}); prints the answer to {@code out}, mistakes to
     * {@code err}. Returns the exit status: 0 when the API accepted (or listed), 1 when it refused,
     * 2 for a usage mistake.
     */
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (args.isEmpty() || !ALLOWED.containsKey(args.get(0))) {
            err.println(USAGE);
            return 2;
        }
        String kind = args.get(0);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i += 2) {
            String option = args.get(i);
            if (!ALLOWED.get(kind).contains(option) || i + 1 >= args.size()) {
                err.println("ledgerstream action " + kind + ": unknown or incomplete option " + option);
                err.println(USAGE);
                return 2;
            }
            options.put(option, args.get(i + 1));
        }
        if (kind.equals("list")) {
            return answer(send(HttpRequest.newBuilder(admin.resolve("/api/v1/admin/actions?limit="
                    + options.getOrDefault("--limit", "20"))).GET()), out, err);
        }
        if (kind.equals("modes")) {
            return answer(send(HttpRequest.newBuilder(admin.resolve("/api/v1/admin/charging-mode")).GET()), out, err);
        }
        if (!options.containsKey("--key")) {
            options.put("--key", kind + "-" + UUID.randomUUID());
            err.println("idempotency key " + options.get("--key") + " (send it again with --key to retry this action)");
        }
        ObjectNode body = JsonMapper.shared().createObjectNode().put("kind", KINDS.getOrDefault(kind, kind));
        options.forEach((option, value) -> body.put(FIELDS.get(option), value));
        return answer(send(HttpRequest.newBuilder(admin.resolve("/api/v1/admin/actions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))), out, err);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token.get())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int answer(HttpResponse<String> response, PrintStream out, PrintStream err) {
        boolean ok = response.statusCode() == 200 || response.statusCode() == 202;
        (ok ? out : err).println(response.statusCode() + " " + response.body());
        return ok ? 0 : 1;
    }
}
