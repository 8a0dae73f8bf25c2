package dev.ledgerstream.bench;

import dev.ledgerstream.ingest.IngestApplication;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest API started in this JVM as it runs in production (Tomcat on a random loopback port,
 * its own producer), with the settings of {@code IngestApiIT} and the token cache on or off.
 */
final class IngestServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private IngestServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static IngestServer start(String kafkaBootstrapServers, UsageTokenIssuer issuer, boolean tokenCacheEnabled) {
        List<String> args = List.of(
                "--ledgerstream.ingest.kafka-bootstrap-servers=" + kafkaBootstrapServers,
                "--ledgerstream.ingest.ipn-secret=" + IpnRequests.SECRET,
                "--ledgerstream.ingest.usage-jwks-url=" + issuer.jwksUrl(),
                "--ledgerstream.ingest.usage-jwt-issuer=" + UsageTokenIssuer.ISSUER,
                "--ledgerstream.ingest.usage-jwt-audience=" + UsageTokenIssuer.AUDIENCE,
                "--ledgerstream.ingest.create-topics=true",
                "--ledgerstream.ingest.token-cache-enabled=" + tokenCacheEnabled,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                // The bench classpath also holds admin-api's OpenAPI UI, which the ingest API does not have.
                "--springdoc.api-docs.enabled=false",
                "--springdoc.swagger-ui.enabled=false",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN",
                "--logging.level.org.springframework=WARN",
                "--logging.level.org.apache.catalina=WARN",
                "--logging.level.org.apache.coyote=WARN",
                "--logging.level.dev.ledgerstream.ingest=WARN");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        return new IngestServer(context);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
