package dev.ledgerstream.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MissingSettingFailureAnalyzerTest {

    @Test
    void is_registered_for_every_spring_boot_service_that_has_the_service_kit() throws Exception {
        // when: every spring.factories on the class path, Spring Boot's own included
        List<String> analyzers = new ArrayList<>();
        for (URL file : Collections.list(getClass().getClassLoader()
                .getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            String named = PropertiesLoaderUtils.loadProperties(new UrlResource(file))
                    .getProperty(FailureAnalyzer.class.getName(), "");
            analyzers.addAll(List.of(named.split(",")));
        }

        // then
        assertThat(analyzers).contains(MissingSettingFailureAnalyzer.class.getName());
    }

    @Test
    void reports_a_missing_setting_in_one_line_naming_its_variable() {
        // given
        var startup = new IllegalStateException("context failed",
                new MissingSettingException(new SettingProblem("DATABASE_URL", "is not set")));

        // when
        FailureAnalysis analysis = new MissingSettingFailureAnalyzer().analyze(startup);

        // then
        assertThat(analysis.getDescription())
                .isEqualTo("DATABASE_URL is not set: the service refuses to start without it (there is no insecure fallback)");
        assertThat(analysis.getAction()).startsWith("Set DATABASE_URL in the environment");
    }
}
