package dev.ledgerstream.local.devauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DevCredentialsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void generates_the_ipn_secret_once_in_a_file_only_its_owner_can_read() throws Exception {
        // given
        Path dev = dataDirectory.resolve("dev");
        // when
        String first = DevCredentials.ipnSecret(dev);
        String again = DevCredentials.ipnSecret(dev);
        // then
        assertThat(first).matches("dev-ipn-[0-9a-f]{64}").isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dev.resolve(DevCredentials.IPN_SECRET_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dev))).isEqualTo("rwx------");
        try (var files = Files.list(dev)) {
            assertThat(files).as("no temporary file is left behind").hasSize(1);
        }
    }

    @Test
    void generates_the_signing_key_once_and_keeps_its_kid() throws Exception {
        // given
        Path dev = dataDirectory.resolve("dev");
        // when
        ECKey first = DevCredentials.usageSigningKey(dev);
        ECKey again = DevCredentials.usageSigningKey(dev);
        // then
        assertThat(first.getCurve()).isEqualTo(Curve.P_256);
        assertThat(first.isPrivate()).isTrue();
        assertThat(first.getKeyID()).isEqualTo(first.computeThumbprint().toString()).isEqualTo(again.getKeyID());
        assertThat(again.toECPrivateKey().getS()).isEqualTo(first.toECPrivateKey().getS());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dev.resolve(DevCredentials.SIGNING_KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void refuses_a_damaged_key_file_and_says_how_to_recover() throws Exception {
        // given
        Path dev = Files.createDirectories(dataDirectory.resolve("dev"));
        Files.writeString(dev.resolve(DevCredentials.SIGNING_KEY_FILE), "{\"kty\":");
        // then
        assertThatThrownBy(() -> DevCredentials.usageSigningKey(dev)).hasMessageContaining("delete it to generate a new one");
    }
}
