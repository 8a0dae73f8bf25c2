package dev.ledgerstream.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SinkSettingsTest {

    private final SinkSettings settings = SinkSettings.defaults("localhost:9092", "group")
            .withRetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void the_backoff_doubles_with_every_consecutive_failure_up_to_its_bound() {
        // when / then
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(1_000_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void every_bound_must_be_set_and_sensible() {
        // when / then
        assertThatThrownBy(() -> settings.withBatchMaxRecords(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withRetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
