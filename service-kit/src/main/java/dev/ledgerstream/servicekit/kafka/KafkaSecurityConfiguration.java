package dev.ledgerstream.servicekit.kafka;

import dev.ledgerstream.servicekit.MissingSettingException;
import dev.ledgerstream.servicekit.SettingProblem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The service's {@link KafkaClientSecurity}, read from its environment by the variables' own names
 * (a service refuses to start on a wrong one, naming it). Imported by every service's configuration.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaSecurityConfiguration {

    @Bean
    KafkaClientSecurity kafkaClientSecurity(Environment environment) {
        try {
            return KafkaClientSecurity.of(environment::getProperty);
        } catch (SettingProblem problem) {
            throw new MissingSettingException(problem);
        }
    }
}
