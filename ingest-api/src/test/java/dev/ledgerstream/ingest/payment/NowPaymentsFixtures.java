package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.testsupport.Above;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The signed NOWPayments requests of {@code shared/fixtures/nowpayments} (SPEC 3.1), read from the
 * shared folder beside the checkout, never copied. A missing folder fails the test run.
 */
public final class NowPaymentsFixtures {

    /**
     * One request and the answer it must get.
     *
     * @param canonical expected canonical form, or null where the fixture gives none
     * @param eventId   expected event id, or null where the fixture gives none
     */
    public record Fixture(String name, String secret, byte[] body, Map<String, String> headers, int status,
            String canonical, String eventId) {

        /** The signature header, or null when the request has none. */
        public String signature() {
            return headers.get(IpnVerifier.SIGNATURE_HEADER);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NowPaymentsFixtures() {
    }

    /** Walks up from the working directory, so the tests run from the module or the root. */
    public static Path directory() {
        return Above.find("shared/fixtures/nowpayments").filter(Files::isDirectory).orElseThrow(() ->
                new AssertionError("shared/fixtures/nowpayments not found above " + Path.of("").toAbsolutePath()
                        + ": the fixtures live in the shared folder beside the checkout"));
    }

    /** All fixtures, in file-name order. */
    public static Stream<Fixture> all() {
        try (Stream<Path> files = Files.list(directory())) {
            List<Path> sorted = files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.json")).sorted()
                    .toList();
            return sorted.stream().map(NowPaymentsFixtures::load);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture whose file name starts with {@code prefix}, e.g. {@code "04-"}. */
    public static Fixture named(String prefix) {
        return all().filter(fixture -> fixture.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture " + prefix));
    }

    private static Fixture load(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode expect = node.path("expect");
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
            return new Fixture(file.getFileName().toString().replace(".json", ""), node.path("secret").asString(),
                    node.path("body").asString().getBytes(StandardCharsets.UTF_8), Map.copyOf(headers),
                    expect.path("status").asInt(), expect.path("canonical").asString(null),
                    expect.path("event_id").asString(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
