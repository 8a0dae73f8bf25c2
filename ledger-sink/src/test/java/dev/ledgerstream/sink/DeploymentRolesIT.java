package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.SinkRecord;
import dev.ledgerstream.testsupport.Above;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The deployment's write login, as docker compose and the RDS procedure create it: {@code psql}
 * runs {@code deploy/postgres/writer-role.sql} before the first migration, the sink migrates as the
 * owner and writes as that login, which can neither alter nor own anything. Needs the {@code psql}
 * client (Debian's {@code postgresql-client}, which {@code .ci/run} installs); skipped with a
 * message without it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeploymentRolesIT {

    private static final Path SCRIPT = Above.find("deploy/postgres/writer-role.sql").orElseThrow(() ->
            new IllegalStateException("deploy/postgres/writer-role.sql not found above " + Path.of("").toAbsolutePath()));
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*");

    @Test
    void the_sink_writes_as_the_login_writer_role_sql_creates_and_that_login_cannot_alter_the_ledger() throws Exception {
        assumeTrue(psqlAvailable(), "psql is not installed (Debian: apt-get install postgresql-client)");
        // given a new database, the write login created first, then the migrations as the owner
        TestDatabase database = TestServers.postgres().newDatabase("roles");
        String writer = "sink_writer_" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        psql(database, writer, password);
        LedgerDatabase ledger = new LedgerDatabase(database);
        LedgerMigrations.migrate(ledger.settings(), 0, Duration.ofSeconds(1));
        psql(database, writer, password); // and again: nothing changes but the password
        DatabaseSettings asWriter = ledger.settings().as(writer, password);

        // when the sink's writer writes a batch as that login
        String community = UUID.randomUUID().toString();
        TestRecords records = new TestRecords();
        List<SinkRecord> batch = new ArrayList<>();
        batch.add(records.read(TestRecords.accepted(community, "700", PaymentStatus.FINISHED, null, "lot-" + community,
                10_000_000, TestRecords.T0)));
        batch.add(records.read(TestRecords.mint(community, "lot-" + community, "700", 10_000_000)));
        batch.add(records.read(TestRecords.debit(community, "lot-" + community, "700", "f-" + community, 1_000_000)));
        batch.add(records.read(TestRecords.usage(community, "f-" + community, "lot-" + community, 1_000_000)));
        try (LedgerWriter sink = new LedgerWriter(asWriter, "roles-it", Clock.systemUTC())) {
            assertThat(sink.write(batch, LedgerWriter.BeforeCommit.NOTHING).rejects()).isEmpty();
        }

        // then the rows are there, and the login holds no power over the ledger itself
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.credit_lots WHERE community_id = '" + community
                + "'")).isEqualTo(1);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), writer, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet role = statement.executeQuery("SELECT rolsuper, rolbypassrls, rolcreaterole,"
                    + " pg_has_role(current_user, 'ledger_owner', 'MEMBER'), pg_has_role(current_user, 'ledger_writer',"
                    + " 'MEMBER') FROM pg_roles WHERE rolname = current_user")) {
                role.next();
                assertThat(List.of(role.getBoolean(1), role.getBoolean(2), role.getBoolean(3), role.getBoolean(4),
                        role.getBoolean(5))).containsExactly(false, false, false, false, true);
            }
            statement.execute("SET ROLE ledger_writer");
            for (String sql : List.of("ALTER TABLE ledger.credit_lots DISABLE TRIGGER ALL",
                    "ALTER TABLE ledger.usage_events NO FORCE ROW LEVEL SECURITY",
                    "UPDATE ledger.credit_lots SET minted_micro = 0", "SET ROLE ledger_owner")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }
    }

    private static void psql(TestDatabase database, String writer, String password) throws Exception {
        Matcher url = URL.matcher(database.jdbcUrl());
        assertThat(url.matches()).as(database.jdbcUrl()).isTrue();
        ProcessBuilder command = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-X", "-q",
                "-h", url.group(1), "-p", url.group(2), "-U", database.user(), "-d", url.group(3),
                "-v", "writer_user=" + writer, "-v", "writer_password=" + password, "-f", SCRIPT.toString())
                .redirectErrorStream(true);
        command.environment().put("PGPASSWORD", database.password() == null ? "" : database.password());
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static boolean psqlAvailable() {
        try {
            Process process = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
