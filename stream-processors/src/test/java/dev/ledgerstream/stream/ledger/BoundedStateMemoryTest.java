package dev.ledgerstream.stream.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Real RocksDB stores configured as Kafka Streams configures ours: they share one budget. */
class BoundedStateMemoryTest {

    private static final long BUDGET = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void eight_stores_written_well_past_their_budget_stay_within_it() throws Exception {
        Map<String, Object> configs = Map.of(BoundedStateMemory.MEMORY_CONFIG, BUDGET);
        BoundedStateMemory setter = new BoundedStateMemory();
        List<Options> options = new ArrayList<>();
        List<RocksDB> stores = new ArrayList<>();
        try {
            for (int store = 0; store < 8; store++) {
                // Kafka Streams' own defaults first (a block-based table), then the setter, as RocksDBStore does.
                Options storeOptions = new Options().setCreateIfMissing(true)
                        .setTableFormatConfig(new BlockBasedTableConfig())
                        .setWriteBufferSize(16L * 1024 * 1024).setMaxWriteBufferNumber(3);
                setter.setConfig("store-" + store, storeOptions, configs);
                options.add(storeOptions);
                stores.add(RocksDB.open(storeOptions, dir.resolve("store-" + store).toString()));
            }
            Random random = new Random(7);
            byte[] value = new byte[1024];
            // 8 stores × 6,000 × 1 KiB: 48 MiB written, six times the budget; left alone, RocksDB would
            // keep each store's 6 MiB in its own memtable.
            for (int i = 0; i < 6_000; i++) {
                for (RocksDB store : stores) {
                    random.nextBytes(value);
                    store.put(("key-" + i).getBytes(StandardCharsets.UTF_8), value);
                }
            }
            long memtables = 0;
            for (RocksDB store : stores) {
                memtables += store.getLongProperty("rocksdb.cur-size-all-mem-tables");
                for (int i = 0; i < 6_000; i += 7) {
                    assertThat(store.get(("key-" + i).getBytes(StandardCharsets.UTF_8))).hasSize(1024);
                }
            }
            BoundedStateMemory.Budget budget = BoundedStateMemory.budget(configs);
            // The manager flushes at half the budget; the memtables being flushed and the one each store
            // is filling come on top, which leaves them well under the 48 MiB they would hold unbounded.
            assertThat(memtables).as("memtables of all stores").isLessThanOrEqualTo(BUDGET + BUDGET / 2);
            // Not a strict limit: blocks in use (pinned index and filter blocks, reads under way) may
            // take the cache a little past its capacity.
            assertThat(budget.cache().getUsage()).as("the shared cache").isLessThanOrEqualTo(BUDGET + BUDGET / 2);
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(storeOptions -> {
                setter.close("store", storeOptions);
                storeOptions.close();
            });
        }
    }

    @Test
    void stores_of_one_budget_share_one_cache() {
        Map<String, Object> configs = Map.of(BoundedStateMemory.MEMORY_CONFIG, String.valueOf(BUDGET));
        assertThat(BoundedStateMemory.budget(configs))
                .isSameAs(BoundedStateMemory.budget(Map.of(BoundedStateMemory.MEMORY_CONFIG, BUDGET)));
    }

    @Test
    void a_missing_or_tiny_budget_is_refused_by_name() {
        assertThatThrownBy(() -> BoundedStateMemory.budget(Map.of()))
                .hasMessageContaining(BoundedStateMemory.MEMORY_CONFIG);
        assertThatThrownBy(() -> BoundedStateMemory.budget(Map.of(BoundedStateMemory.MEMORY_CONFIG, 1000L)))
                .hasMessageContaining("at least 1 MiB");
    }
}
