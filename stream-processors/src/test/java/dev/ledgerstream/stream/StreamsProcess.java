package dev.ledgerstream.stream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stream processors as a separate JVM, so that a test can kill it abruptly (SIGKILL: no
 * close, no commit, no flush), the way a crashed machine stops.
 */
final class StreamsProcess implements AutoCloseable {

    private final Process process;

    private StreamsProcess(Process process) {
        this.process = process;
    }

    static StreamsProcess start(String bootstrapServers, String applicationId, Path stateDir, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                StreamsApplication.class.getName(),
                "--ledgerstream.stream.kafka-bootstrap-servers=" + bootstrapServers,
                "--ledgerstream.stream.application-id=" + applicationId,
                "--ledgerstream.stream.state-dir=" + stateDir,
                "--ledgerstream.stream.create-topics=true",
                "--server.port=0"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new StreamsProcess(process);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the stream processors", e);
        }
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A clean stop (SIGTERM: Spring closes Kafka Streams). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    static String describe(File log) {
        return "see " + log;
    }
}
