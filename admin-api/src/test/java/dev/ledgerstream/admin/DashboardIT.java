package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard at {@code /} in headless Chromium: the page takes the token and community from the
 * URL fragment, calls the API like a browser does, and the test reads the rendered DOM
 * ({@code --dump-dom} after the page's fetches settled, {@code --virtual-time-budget}) and checks
 * that every number shown is the API's. Needs {@code /usr/bin/chromium} (Debian package
 * {@code chromium}; another binary with {@code -Dledger.chromium=…}); skipped when it is absent.
 */
class DashboardIT extends AdminApiIT {

    static final Path CHROMIUM = Path.of(System.getProperty("ledger.chromium", "/usr/bin/chromium"));
    static final String A = "/api/v1/admin/community/" + COMMUNITY_A;

    @BeforeAll
    static void chromiumIsInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM), "dashboard test skipped: " + CHROMIUM
                + " is not installed (Debian: apt-get install -y chromium; or set -Dledger.chromium=/path/to/chromium)");
    }

    @Test
    void the_dashboard_shows_the_apis_numbers_to_a_platform_admin() throws Exception {
        // given
        JsonNode billing = json(A + "/billing");
        JsonNode usage = json(A + "/usage");
        JsonNode attention = json(A + "/payments?attention=true&limit=100");
        JsonNode conservation = json(A + "/conservation");
        JsonNode quarantine = json("/api/v1/admin/quarantine?limit=50");

        // when
        String dom = render("#token=" + adminToken() + "&community=" + COMMUNITY_A);

        // then: balance, burn and depletion
        assertThat(attribute(dom, "balance", "data-micro")).isEqualTo(billing.get("balance_micro").asString());
        assertThat(text(dom, "balance")).isEqualTo("4.250000 cr");
        assertThat(attribute(dom, "burn-rate", "data-micro")).isEqualTo(billing.get("burn_rate_micro_per_day").asString());
        assertThat(text(dom, "depletion-date")).isEqualTo(billing.get("projected_depletion_date").asString());
        assertThat(attribute(dom, "spend-total", "data-micro")).isEqualTo(usage.get("total_spend_micro").asString());
        // spend by pool: the legend and the sum of each pool's bars are the API's by_pool
        Map<String, String> byPool = new LinkedHashMap<>();
        usage.get("by_pool").forEach(pool -> byPool.put(pool.get("pool_id").asString(), pool.get("amount_micro").asString()));
        assertThat(pairs(dom, "li", "data-pool", "data-micro")).isEqualTo(byPool);
        assertThat(barSums(dom)).isEqualTo(byPool);
        assertThat(matches(dom, "<rect [^>]*data-day=\"([^\"]+)\"").stream().distinct().toList())
                .isEqualTo(CommunityFiguresIT.rows(usage.get("by_day"), day -> day.get("day").asString()));
        // lots with credit left
        Map<String, String> lotsWithCredit = new LinkedHashMap<>();
        billing.get("lots").forEach(lot -> {
            if (!lot.get("remaining_micro").asString().equals("0")) {
                lotsWithCredit.put(lot.get("lot_id").asString(), lot.get("remaining_micro").asString());
            }
        });
        assertThat(pairs(dom, "tr", "data-lot-id", "data-remaining-micro")).isEqualTo(lotsWithCredit).hasSize(1);
        // payments that need attention, and the quarantine
        assertThat(matches(dom, "<tr data-payment-id=\"([^\"]+)\"")).isEqualTo(CommunityFiguresIT.rows(
                attention.get("items"), payment -> payment.get("payment_id").asString()));
        assertThat(matches(dom, "<tr data-quarantine-id=\"([^\"]+)\"")).isEqualTo(CommunityFiguresIT.rows(
                quarantine.get("items"), item -> item.get("kind").asString() + ":" + item.get("id").asString()));
        // conservation
        assertThat(text(dom, "conservation-status")).isEqualTo(conservation.get("status").asString());
        assertThat(text(dom, "conservation-failures")).isEqualTo(conservation.get("failures").asString());
        assertThat(matches(dom, "<li [^>]*data-invariant=\"([^\"]+)\" data-result=\"fail\"")).containsExactly("I-12");
        assertThat(matches(dom, "<tr data-violation-id=\"([^\"]+)\"")).isEqualTo(CommunityFiguresIT.rows(
                conservation.get("recent_violations"), violation -> violation.get("violation_id").asString()));
    }

    @Test
    void a_platform_admin_gets_release_and_dismiss_for_held_payments_and_the_grant_form() throws Exception {
        // when
        String dom = render("#token=" + adminToken() + "&community=" + COMMUNITY_B);

        // then: both held payments can be released or dismissed
        for (String payment : new String[] {"2002", "2003"}) {
            assertThat(dom).containsPattern("<tr data-payment-id=\"" + payment + "\">(?:(?!</tr>).)*"
                    + "data-action=\"release\"(?:(?!</tr>).)*data-action=\"dismiss\"");
        }
        assertThat(dom).containsPattern("<form id=\"grant\" data-testid=\"grant-form\">");
        // and what the latest operators' actions did: the two mode changes, then the rejected release
        assertThat(matches(dom, "<tr data-action-id=\"[0-9a-f]{64}\" data-result=\"([a-z]+)\""))
                .containsExactly("applied", "applied", "rejected");
        // and the modes in force, with the form that sets them
        assertThat(dom).containsPattern("<section id=\"mode-section\" data-testid=\"charging-mode\">")
                .containsPattern("<strong data-testid=\"mode-global\">charging live, minting paused \\(set by ops@ledgerstream.test")
                .containsPattern("<strong data-testid=\"mode-community\">charging shadow, minting live \\(set by")
                .containsPattern("<form id=\"mode\" data-testid=\"mode-form\">");
    }

    @Test
    void long_lists_show_a_page_and_a_more_button_carrying_the_apis_next_cursor() throws Exception {
        // when: one row per page (the fragment's rows)
        String dom = render("#token=" + adminToken() + "&community=" + COMMUNITY_B + "&rows=1");
        JsonNode payments = json("/api/v1/admin/community/" + COMMUNITY_B + "/payments?attention=true&limit=1");
        JsonNode quarantine = json("/api/v1/admin/quarantine?limit=1");

        // then: the first page, and the button that reads the next one from where the API says
        assertThat(matches(dom, "<tr data-payment-id=\"([^\"]+)\"")).containsExactly(
                payments.get("items").get(0).get("payment_id").asString());
        assertThat(attribute(dom, "attention-payments-more", "data-next-cursor"))
                .isEqualTo(payments.get("next_cursor").asString());
        assertThat(matches(dom, "<tr data-quarantine-id=\"([^\"]+)\"")).hasSize(1);
        assertThat(attribute(dom, "quarantine-more", "data-next-cursor"))
                .isEqualTo(quarantine.get("next_cursor").asString());
        // and the next page is read from that cursor and appended (what More does; pages=2 presses it once)
        String two = render("#token=" + adminToken() + "&community=" + COMMUNITY_B + "&rows=1&pages=2");
        JsonNode all = json("/api/v1/admin/community/" + COMMUNITY_B + "/payments?attention=true&limit=2");
        assertThat(matches(two, "<tr data-payment-id=\"([^\"]+)\"")).isEqualTo(CommunityFiguresIT.rows(
                all.get("items"), payment -> payment.get("payment_id").asString()));
        // and without more rows than a page, no button is shown
        String whole = render("#token=" + adminToken() + "&community=" + COMMUNITY_B);
        assertThat(whole).containsPattern("<button type=\"button\" data-testid=\"attention-payments-more\" "
                + "data-next-cursor=\"\" hidden");
    }

    @Test
    void a_community_admin_sees_the_community_of_the_token_and_no_quarantine() throws Exception {
        // when: no community in the fragment; the page takes the token's community_id
        String dom = render("#token=" + communityAdminToken(COMMUNITY_A));

        // then
        assertThat(attribute(dom, "balance", "data-micro")).isEqualTo("4250000");
        assertThat(matches(dom, "<tr data-payment-id=\"([^\"]+)\"")).containsExactly("1005", "1004", "1003", "1002");
        assertThat(matches(dom, "<tr data-quarantine-id=\"([^\"]+)\"")).isEmpty();
        assertThat(dom).containsPattern("<p data-testid=\"quarantine-note\">");
        assertThat(dom).doesNotContain("data-action=", "data-action-id=")
                .containsPattern("<section id=\"mode-section\" data-testid=\"charging-mode\" hidden")
                .containsPattern("<form id=\"grant\" data-testid=\"grant-form\" hidden")
                .containsPattern("<p data-testid=\"actions-note\">");
    }

    @Test
    void a_refused_token_shows_the_problem_instead_of_numbers() throws Exception {
        // when
        String dom = render("#token=" + communityAdminToken(COMMUNITY_A) + "&community=" + LedgerScenario.COMMUNITY_B);

        // then
        assertThat(dom).contains("data-state=\"error\"").contains("403 Forbidden");
        assertThat(dom).containsPattern("<main id=\"dashboard\" hidden");
    }

    /** The page's DOM once its requests have settled, as headless Chromium serializes it. */
    private String render(String fragment) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        try {
            String dom = "";
            for (int budgetMillis : new int[] {10_000, 30_000}) {
                dom = dumpDom(baseUrl() + "/" + fragment, profile, budgetMillis);
                if (dom.contains("data-state=\"ready\"") || dom.contains("data-state=\"error\"")) {
                    return dom;
                }
            }
            throw new AssertionError("the dashboard did not settle; DOM:\n" + dom);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String dumpDom(String url, Path profile, int budgetMillis) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + budgetMillis, "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static String attribute(String dom, String testId, String name) {
        Matcher tag = Pattern.compile("<[a-z]+ [^>]*data-testid=\"" + testId + "\"[^>]*>").matcher(dom);
        assertThat(tag.find()).as("element " + testId).isTrue();
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag.group());
        assertThat(value.find()).as(name + " of " + testId).isTrue();
        return value.group(1);
    }

    private static String text(String dom, String testId) {
        Matcher element = Pattern.compile("<[a-z]+ [^>]*data-testid=\"" + testId + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(element.find()).as("element " + testId).isTrue();
        return element.group(1);
    }

    private static List<String> matches(String dom, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(dom);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Map<String, String> pairs(String dom, String tag, String keyAttribute, String valueAttribute) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("<" + tag + " " + keyAttribute + "=\"([^\"]+)\" " + valueAttribute
                + "=\"([^\"]+)\"").matcher(dom);
        while (matcher.find()) {
            pairs.put(matcher.group(1), matcher.group(2));
        }
        return pairs;
    }

    /** The chart's bars summed per pool, exactly. */
    private static Map<String, String> barSums(String dom) {
        Map<String, Long> sums = new LinkedHashMap<>();
        Matcher bar = Pattern.compile("<rect [^>]*data-pool=\"([^\"]+)\" data-micro=\"(\\d+)\"").matcher(dom);
        while (bar.find()) {
            sums.merge(bar.group(1), Long.parseLong(bar.group(2)), Math::addExact);
        }
        Map<String, String> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), Long.toString(entry.getValue())));
        return sorted;
    }
}
