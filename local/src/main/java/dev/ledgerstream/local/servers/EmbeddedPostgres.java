package dev.ledgerstream.local.servers;

import dev.ledgerstream.embedded.EmbeddedPostgresServer;
import dev.ledgerstream.local.Component;
import java.nio.file.Path;

/**
 * The PostgreSQL server of local mode (16, from Maven Central), with its data in a folder and on a
 * fixed port, so that a restart comes back on the same ledger. Holds one database, {@value #DATABASE}.
 */
public final class EmbeddedPostgres implements Component {

    public static final String DATABASE = "ledgerstream";

    private final EmbeddedPostgresServer server;

    /** A server with its data in {@code dataDirectory}, listening on 127.0.0.1 ({@code 0} picks a free port). */
    public EmbeddedPostgres(Path dataDirectory, int port) {
        this.server = EmbeddedPostgresServer.builder(dataDirectory).port(port).build();
    }

    @Override
    public String name() {
        return "PostgreSQL server";
    }

    @Override
    public void start() {
        server.start();
        server.createDatabase(DATABASE);
    }

    @Override
    public void stop() {
        server.stop();
    }

    public String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    public String user() {
        return server.superuser();
    }

    public String password() {
        return server.superuserPassword();
    }
}
