package dev.ledgerstream.servicekit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets {@code spring.config.name} from the {@link ServiceConfigName} of the application's sources,
 * just before Spring Boot reads the configuration files. It is added with the lowest precedence,
 * so an explicit {@code spring.config.name} (a command-line argument, the environment) still wins.
 * Applications without the annotation are left alone.
 */
class ServiceConfigNames implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "ledgerstream-service-config-name";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> names = application.getAllSources().stream()
                .filter(Class.class::isInstance).map(source -> ((Class<?>) source).getAnnotation(ServiceConfigName.class))
                .filter(Objects::nonNull).map(ServiceConfigName::value).distinct().toList();
        if (names.size() > 1) {
            throw new IllegalStateException("one application, several service configuration names: " + names);
        }
        if (names.size() == 1) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE,
                    Map.of("spring.config.name", names.get(0))));
        }
    }
}
