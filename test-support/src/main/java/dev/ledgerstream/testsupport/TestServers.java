package dev.ledgerstream.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka broker and PostgreSQL server shared by every test of this JVM, started on first
 * use. Where they run is decided once per JVM, and logged in one line per server (see the module's
 * README).
 *
 * <p>These accessors need no JUnit extension, so a Spring test can use them in a
 * {@code @DynamicPropertySource} method:
 * <pre>{@code
 * registry.add("spring.kafka.bootstrap-servers", () -> TestServers.kafka().bootstrapServers());
 * TestDatabase database = TestServers.database(MyTest.class);
 * registry.add("spring.datasource.url", database::jdbcUrl);
 * }</pre>
 */
public final class TestServers {

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);

    private static final ModeSelection MODES = new ModeSelection(Settings::read, new OnceOnly(DockerProbe::isAvailable));
    private static final Map<Class<?>, TestDatabase> DATABASES = new ConcurrentHashMap<>();

    private static KafkaServer kafka;
    private static PostgresServer postgres;

    private TestServers() {
    }

    /** The shared Kafka broker, started on the first call. */
    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            ModeSelection.Decision decision = MODES.kafka();
            kafka = started("Kafka", decision, () -> startKafka(decision.mode()));
        }
        return kafka;
    }

    /** The shared PostgreSQL server, started on the first call. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            ModeSelection.Decision decision = MODES.postgres();
            postgres = started("PostgreSQL", decision, () -> startPostgres(decision.mode()));
        }
        return postgres;
    }

    /**
     * The database of {@code testClass}: created, empty, on the first call for that class and the
     * same on every later one, so that a {@link WithPostgres} parameter and a
     * {@code @DynamicPropertySource} method of the same class name the same database.
     */
    public static TestDatabase database(Class<?> testClass) {
        return DATABASES.computeIfAbsent(testClass, type -> postgres().newDatabase(type.getSimpleName()));
    }

    private static KafkaServer startKafka(ServerMode mode) {
        return switch (mode) {
            case EXTERNAL -> ExternalServers.kafka();
            case TESTCONTAINERS -> ContainerServers.startKafka();
            case EMBEDDED -> EmbeddedServers.startKafka();
        };
    }

    private static PostgresServer startPostgres(ServerMode mode) {
        return switch (mode) {
            case EXTERNAL -> ExternalServers.postgres();
            case TESTCONTAINERS -> ContainerServers.startPostgres();
            case EMBEDDED -> EmbeddedServers.startPostgres();
        };
    }

    private static <T> T started(String server, ModeSelection.Decision decision, Supplier<T> start) {
        long startedAt = System.nanoTime();
        T started = start.get();
        log.info("{} for tests: {} mode ({}), {}, ready in {} ms", server, decision.mode().name().toLowerCase(Locale.ROOT),
                decision.reason(), started, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return started;
    }

    /** Asks once and remembers: probing for Docker can take a moment. */
    private static final class OnceOnly implements BooleanSupplier {

        private final BooleanSupplier question;
        private Boolean answer;

        OnceOnly(BooleanSupplier question) {
            this.question = question;
        }

        @Override
        public synchronized boolean getAsBoolean() {
            if (answer == null) {
                answer = question.getAsBoolean();
            }
            return answer;
        }
    }
}
