package dev.ledgerstream.servicekit.kafka;

import dev.ledgerstream.servicekit.SettingProblem;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How a Kafka client of ours proves who it is: nothing ({@code PLAINTEXT}, local mode and tests), or
 * a SCRAM login of its own over {@code SASL_PLAINTEXT} (compose) or {@code SASL_SSL} (MSK), so that
 * the brokers' ACLs ({@code deploy/kafka/acls.csv}) decide what each service may read and write.
 * Read once from {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD}; every producer, consumer, admin
 * client and Kafka Streams instance of the service takes {@link #clientProperties()}.
 *
 * @param protocol  {@code security.protocol}
 * @param mechanism the SASL mechanism, null without SASL
 * @param username  the SCRAM login (the service's principal), null without SASL
 * @param password  its password, null without SASL
 */
public record KafkaClientSecurity(String protocol, String mechanism, String username, String password) {

    public static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String MECHANISM = "KAFKA_SASL_MECHANISM";
    public static final String USERNAME = "KAFKA_SASL_USERNAME";
    public static final String PASSWORD = "KAFKA_SASL_PASSWORD";

    /** No authentication: the clients' defaults. */
    public static final KafkaClientSecurity NONE = new KafkaClientSecurity("PLAINTEXT", null, null, null);

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256");
    private static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    /**
     * The settings named by the four variables, looked up with {@code variables} (null or blank:
     * unset). Without {@code KAFKA_SECURITY_PROTOCOL} the clients authenticate not at all; with a
     * SASL protocol the username and password are required, and the mechanism defaults to
     * SCRAM-SHA-512. Throws {@link SettingProblem} naming the variable that is wrong.
     */
    public static KafkaClientSecurity of(Function<String, String> variables) {
        String protocol = value(variables, PROTOCOL);
        if (protocol == null) {
            if (value(variables, USERNAME) != null || value(variables, PASSWORD) != null) {
                throw new SettingProblem(PROTOCOL, "is not set while " + USERNAME + " or " + PASSWORD
                        + " is: set it to SASL_SSL or SASL_PLAINTEXT");
            }
            return NONE;
        }
        protocol = protocol.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new SettingProblem(PROTOCOL, "must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL, not " + protocol);
        }
        if (!protocol.startsWith("SASL_")) {
            return new KafkaClientSecurity(protocol, null, null, null);
        }
        String mechanism = value(variables, MECHANISM);
        mechanism = mechanism == null ? DEFAULT_MECHANISM : mechanism.toUpperCase(Locale.ROOT);
        if (!MECHANISMS.contains(mechanism)) {
            throw new SettingProblem(MECHANISM, "must be SCRAM-SHA-512 or SCRAM-SHA-256, not " + mechanism);
        }
        String username = value(variables, USERNAME);
        if (username == null) {
            throw new SettingProblem(USERNAME, "is not set (required with " + PROTOCOL + "=" + protocol + ")");
        }
        String password = value(variables, PASSWORD);
        if (password == null) {
            throw new SettingProblem(PASSWORD, "is not set (required with " + PROTOCOL + "=" + protocol + ")");
        }
        return new KafkaClientSecurity(protocol, mechanism, username, password);
    }

    /** The client properties to add to a producer's, consumer's, admin client's or Kafka Streams' own. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (mechanism != null) {
            properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule "
                    + "required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        }
        return properties;
    }

    /** {@code config} with these settings added (a copy; {@code config} is not changed). */
    public Map<String, Object> addTo(Map<String, ?> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.putAll(clientProperties());
        return all;
    }

    /** The protocol and login, never the password. */
    @Override
    public String toString() {
        return mechanism == null ? protocol : protocol + " " + mechanism + " as " + username;
    }

    private static String value(Function<String, String> variables, String name) {
        String value = variables.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A JAAS option value is a quoted string: a quote or backslash in it is escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
