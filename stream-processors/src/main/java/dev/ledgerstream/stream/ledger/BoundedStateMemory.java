package dev.ledgerstream.stream.ledger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process, instead of RocksDB's budget per store.
 *
 * <p>By default Kafka Streams gives each store instance its own 50 MiB block cache and up to three
 * 16 MiB memtables; the topology has eight stores on each of six partitions, so the process could grow
 * to several GiB outside the heap, slowly, as memtables and caches fill (the soak of docs/benchmarks.md
 * saw the resident set grow by about 2 MiB a minute). Here every store shares one LRU cache of
 * {@code ledgerstream.stream.state-memory} (default 64 MiB) that holds the data blocks, the index and filter blocks and, through a
 * write-buffer manager charged to the same cache, the memtables (at most half of it): RocksDB flushes a
 * memtable early rather than let them grow past their half (give or take the memtable each store is
 * filling). What the stores hold on disk is unchanged.
 *
 * <p>Kafka Streams makes one setter per store and calls {@link #close} when the store closes, so the
 * cache and the manager are shared per budget for the life of the process and are never closed here.
 */
public final class BoundedStateMemory implements RocksDBConfigSetter {

    /** The budget in bytes, a Streams configuration entry ({@code ledgerstream.stream.state-memory}). */
    public static final String MEMORY_CONFIG = "ledgerstream.state.memory.bytes";

    /** Share of the cache kept for index and filter blocks, so that data blocks do not evict them. */
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private static final long MIN_WRITE_BUFFER = 1024 * 1024;

    /** Kafka Streams' own memtable size. */
    private static final long MAX_WRITE_BUFFER = 16L * 1024 * 1024;

    private static final Map<Long, Budget> BUDGETS = new ConcurrentHashMap<>();

    /** The shared cache and the memtables' manager of one budget. */
    record Budget(Cache cache, WriteBufferManager writeBuffers, long writeBufferSize) {

        static Budget of(long bytes) {
            RocksDB.loadLibrary();
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_RATIO);
            long writeBufferSize = Math.max(MIN_WRITE_BUFFER, Math.min(MAX_WRITE_BUFFER, bytes / 32));
            return new Budget(cache, new WriteBufferManager(bytes / 2, cache), writeBufferSize);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget budget = budget(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(budget.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(budget.writeBuffers());
        // A memtable reserves memory in blocks of an eighth of its size: with Kafka Streams' 16 MiB, the
        // first write to each of the process's stores would reserve 2 MiB of the budget.
        options.setWriteBufferSize(budget.writeBufferSize());
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the manager are shared by every store of the budget: nothing of this store's own.
    }

    static Budget budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_CONFIG);
        if (value == null) {
            throw new IllegalStateException(MEMORY_CONFIG + " is missing from the Streams configuration");
        }
        long bytes = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
        if (bytes < 1024 * 1024) {
            throw new IllegalStateException(MEMORY_CONFIG + " must be at least 1 MiB: " + bytes);
        }
        return BUDGETS.computeIfAbsent(bytes, Budget::of);
    }
}
