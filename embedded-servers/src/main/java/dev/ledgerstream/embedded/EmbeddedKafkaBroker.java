package dev.ledgerstream.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker in KRaft mode (one process acting as broker and controller),
 * running in this JVM and listening on 127.0.0.1 only.
 *
 * <p>The data directory is formatted on the first start only: when it already holds
 * {@code meta.properties} it is reused, so a restart on the same folder keeps every topic and
 * record. Ports given as 0 are chosen on the first start and then kept, so that {@link #stop()}
 * followed by {@link #start()} comes back where clients expect it.
 *
 * <p>The settings suit one node: every internal topic has replication factor 1 and a minimum ISR
 * of 1, so transactions (Kafka Streams' {@code exactly_once_v2}) work; topics are never created
 * automatically.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final Map<String, String> overrides;
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder builder) {
        this.dataDirectory = builder.dataDirectory.toAbsolutePath();
        this.brokerPort = builder.brokerPort;
        this.controllerPort = builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
    }

    /** Starts describing a broker that keeps its data in {@code dataDirectory}. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * Starts the broker, formatting the data directory first if it was never formatted, and
     * returns once the broker accepts clients. Does nothing when already running.
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long startedAt = System.nanoTime();
        assignPorts();
        KafkaConfig config = new KafkaConfig(serverProperties(), false);
        formatIfNew();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutDown(starting);
            throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers(), e);
        }
        server = starting;
        log.info("Kafka broker (KRaft, single node) started on {} in {} ms, data in {}",
                bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDirectory);
    }

    /** Shuts the broker down cleanly and waits until it has stopped. Does nothing when stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long stoppingAt = System.nanoTime();
        shutDown(server);
        server = null;
        log.info("Kafka broker on {} stopped in {} ms",
                bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Where clients connect, {@code 127.0.0.1:PORT}. Known once the broker was started, or from
     * the start when a fixed port was configured.
     */
    public synchronized String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("The broker port is chosen on the first start; start the broker first");
        }
        return LoopbackPorts.HOST + ":" + brokerPort;
    }

    /** The broker's client port, or 0 before the first start when it is to be chosen then. */
    public synchronized int brokerPort() {
        return brokerPort;
    }

    /** The controller's port, or 0 before the first start when it is to be chosen then. */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates the topics that do not exist yet; topics that already exist are left as they are,
     * whatever their settings.
     */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topic " + topic + " took longer than " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    private void assignPorts() {
        if (brokerPort == 0) {
            brokerPort = LoopbackPorts.pickFree();
        }
        if (controllerPort == 0) {
            controllerPort = LoopbackPorts.pickFree();
        }
        if (brokerPort == controllerPort) {
            throw new IllegalStateException("Broker and controller need different ports, both are " + brokerPort);
        }
    }

    private Map<String, String> serverProperties() {
        String host = LoopbackPorts.HOST;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // A static voter set (kraft.version 0) keeps the controller's address out of the
        // metadata log, so the same data directory can be reopened on other ports.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dataDirectory.toString());

        // One node: every replicated thing has exactly one replica, and one in-sync replica is enough.
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // The defaults (50 partitions each) cost seconds on a small machine when the first group
        // or transactional producer appears; one node gains nothing from them.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("num.partitions", "1");
        // Topics are declared by the applications and tests; a typo must fail, not create a topic.
        props.put("auto.create.topics.enable", "false");
        // Consumer groups form at once instead of waiting 3 s for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB compaction buffer is sized for production brokers, not a JVM shared with tests.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");

        props.putAll(overrides);
        return props;
    }

    private void formatIfNew() {
        if (Files.exists(dataDirectory.resolve(META_PROPERTIES))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream formatterOutput = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(dataDirectory);
            new Formatter()
                    .setPrintStream(formatterOutput)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dataDirectory.toString())
                    .setMetadataLogDirectory(dataDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory " + dataDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka data directory " + dataDirectory, e);
        }
        log.info("Formatted a new Kafka data directory {}", dataDirectory);
        log.debug("Kafka storage formatter said: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Describes an {@link EmbeddedKafkaBroker}; nothing is started before {@link #build()}'s result is. */
    public static final class Builder {

        private final Path dataDirectory;
        private int brokerPort;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        /** The port clients connect to; 0 (the default) picks a free one on the first start. */
        public Builder brokerPort(int port) {
            this.brokerPort = LoopbackPorts.requireValid(port, "brokerPort");
            return this;
        }

        /** The KRaft controller's port; 0 (the default) picks a free one on the first start. */
        public Builder controllerPort(int port) {
            this.controllerPort = LoopbackPorts.requireValid(port, "controllerPort");
            return this;
        }

        /** Sets or overrides one broker setting, e.g. {@code log.retention.ms}. */
        public Builder serverProperty(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Clients must log in, and the brokers' ACLs decide what each may do, as in
         * {@code docker-compose.yml}: the services with SCRAM-SHA-512 logins (created through an
         * admin client logged in as {@code adminUser}), the broker itself and {@code adminUser}
         * with a static PLAIN login, so that nothing needs bootstrapping. Only {@code adminUser} is
         * a super user; a principal without an ACL may do nothing.
         */
        public Builder withSaslLogins(String adminUser, String adminPassword) {
            String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + adminUser
                    + "\" password=\"" + adminPassword + "\" user_" + adminUser + "=\"" + adminPassword + "\";";
            serverProperty("listener.security.protocol.map",
                    BROKER_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
            serverProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
            serverProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
            serverProperty("sasl.mechanism.controller.protocol", "PLAIN");
            for (String listener : new String[] {BROKER_LISTENER, CONTROLLER_LISTENER}) {
                String prefix = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
                serverProperty(prefix + "plain.sasl.jaas.config", plain);
                serverProperty(prefix + "scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            }
            serverProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            serverProperty("super.users", "User:" + adminUser);
            serverProperty("allow.everyone.if.no.acl.found", "false");
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
