package dev.ledgerstream.admin.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportPermitsTest {

    static final UUID A = UUID.fromString("3f1c2a9e-5b7d-4e21-9c3a-0d6b8e4f1a27");
    static final UUID B = UUID.fromString("8a2d4c6e-1f3b-4a5c-9d7e-2b4f6a8c0e13");
    final ExportPermits permits = new ExportPermits(3, 2, Duration.ofSeconds(7));

    @Test
    void a_community_beyond_its_limit_is_told_to_retry_with_429_while_others_still_export() {
        // given
        permits.acquire(A);
        permits.acquire(A);

        // when / then
        assertThatThrownBy(() -> permits.acquire(A)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(429);
            assertThat(problem.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
        assertThat(permits.acquire(B)).isNotNull();
    }

    @Test
    void beyond_the_overall_limit_every_community_is_told_to_retry_with_503() {
        // given
        permits.acquire(A);
        permits.acquire(A);
        permits.acquire(B);

        // when / then
        assertThatThrownBy(() -> permits.acquire(UUID.randomUUID())).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(503));
        assertThat(permits.running()).isEqualTo(3);
    }

    @Test
    void a_permit_closed_twice_is_released_once() {
        // given
        ExportPermits.Permit first = permits.acquire(A);
        permits.acquire(A);

        // when
        first.close();
        first.close();

        // then: one slot of A is free, not two
        assertThat(permits.running()).isEqualTo(1);
        permits.acquire(A);
        assertThatThrownBy(() -> permits.acquire(A)).isInstanceOf(ApiProblem.class);
    }
}
