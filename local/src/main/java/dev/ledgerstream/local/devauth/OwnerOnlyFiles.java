package dev.ledgerstream.local.devauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Write-once secret files: created with mode 0600 in a 0700 directory, written completely under a
 * temporary name and then moved into place, so a crash never leaves a half-written secret and a
 * restart always finds the same one.
 */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** The content of {@code file} (stripped), or {@code create}'s result, written to it first when it does not exist. */
    static String readOrCreate(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, create.get() + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException e) {
                // Another process (a concurrent "token") created it first: its value is the one to keep.
                Files.delete(temporary);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
            throw new IllegalStateException(file + " is empty: delete it to generate a new one");
        }
        return content;
    }
}
