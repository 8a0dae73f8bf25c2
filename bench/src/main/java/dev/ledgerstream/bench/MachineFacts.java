package dev.ledgerstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the figures depend on: cores, CPU model, the JDK and how busy the machine was. */
final class MachineFacts {

    private MachineFacts() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The first {@code model name} of /proc/cpuinfo, or the architecture where there is none. */
    static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg, or the JVM's 1 minute figure. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    /** What {@code java -version} of the running JDK prints, on one line. */
    static String javaVersion() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(10, TimeUnit.SECONDS);
                return text.strip().replace(System.lineSeparator(), "; ");
            }
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }

    /**
     * The machine lines of every report: cores and CPU, {@code java -version}, the max heap, and
     * the load averages before and after the run; Markdown list items, each ending in a newline.
     */
    static String markdown(String loadBefore, String loadAfter) {
        return "- cores: " + cores() + ", CPU: " + cpu()
                + "\n- java -version: " + javaVersion()
                + "\n- max heap: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB"
                + "\n- load average (1/5/15 min) before: " + loadBefore + ", after: " + loadAfter + "\n";
    }
}
