package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DataDirectoryLockTest {

    @TempDir
    Path dataDirectory;

    @Test
    void refuses_a_second_local_mode_on_the_same_data_until_the_first_one_stops() {
        // given
        DataDirectoryLock first = DataDirectoryLock.acquire(dataDirectory);
        // then
        assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDirectory))
                .hasMessageContaining("Another local mode is running on " + dataDirectory);
        // when
        first.close();
        // then
        DataDirectoryLock.acquire(dataDirectory).close();
    }
}
