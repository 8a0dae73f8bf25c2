package dev.ledgerstream.admin;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.springframework.boot.SpringApplication;

/**
 * The admin API in a JVM of its own with a small {@code -Xmx}, for {@link LargeExportIT}: it runs
 * {@link AdminApplication} with the arguments given and answers two commands on standard input,
 * each with one line on standard output: {@code reset} (a full GC, then the peaks start over) and
 * {@code report} (the heap's peaks since the reset). Two peaks are reported: the largest heap in
 * use after any garbage collection (the live data, what an export must keep flat), and the sum of
 * the heap pools' peak usage (an upper bound on the heap ever occupied, garbage included).
 */
final class HeapReportingAdmin {

    static final String READY = "HEAP-READY";
    static final String REPORT = "HEAP-REPORT";

    private static final AtomicLong maxAfterGc = new AtomicLong();
    private static final AtomicLong collections = new AtomicLong();

    private HeapReportingAdmin() {
    }

    public static void main(String[] args) throws Exception {
        watchCollections();
        SpringApplication.run(AdminApplication.class, args);
        System.out.println(READY);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("reset")) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                maxAfterGc.set(heapUsed());
                collections.set(0);
                System.out.println(REPORT + " reset used=" + heapUsed());
            } else if (command.equals("report")) {
                System.out.println(REPORT + " maxAfterGc=" + maxAfterGc.get() + " poolPeaks=" + poolPeaks()
                        + " collections=" + collections.get() + " max=" + Runtime.getRuntime().maxMemory());
            }
            System.out.flush();
        }
        System.exit(0);
    }

    private static void watchCollections() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long after = heapOnly(info.getGcInfo().getMemoryUsageAfterGc());
                maxAfterGc.accumulateAndGet(after, Math::max);
                collections.incrementAndGet();
            }, null, null);
        }
    }

    private static long heapOnly(Map<String, MemoryUsage> usageByPool) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = usageByPool.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && usage != null) {
                used += usage.getUsed();
            }
        }
        return used;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long poolPeaks() {
        long peaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peaks += pool.getPeakUsage().getUsed();
            }
        }
        return peaks;
    }
}
