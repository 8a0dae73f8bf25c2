package dev.ledgerstream.reconcile;

import dev.ledgerstream.schemas.LedgerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A sorted key-value store on disk (RocksDB) for one run, so that a replay of millions of events
 * keeps its per-event state (the finalization dedup maps, the rows it produced) out of the heap.
 * Keys are ordered by their bytes. The folder is deleted on {@link #close()}. Not thread-safe.
 */
final class DiskStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final WriteOptions writes;
    private final RocksDB db;

    private DiskStore(Path directory) throws RocksDBException {
        this.directory = directory;
        this.options = new Options().setCreateIfMissing(true);
        // A run's scratch data: nothing to recover after a crash, so no write-ahead log.
        this.writes = new WriteOptions().setDisableWAL(true);
        this.db = RocksDB.open(options, directory.toString());
    }

    /** A new, empty store in a fresh folder under {@code parent}. */
    static DiskStore create(Path parent) {
        try {
            Files.createDirectories(parent);
            return new DiskStore(Files.createTempDirectory(parent, "reconcile-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the replay's scratch folder under " + parent, e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open the replay's scratch store under " + parent, e);
        }
    }

    void put(byte[] key, byte[] value) {
        try {
            db.put(writes, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException("writing the replay's scratch store failed", e);
        }
    }

    byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException("reading the replay's scratch store failed", e);
        }
    }

    /** The values of every key starting with {@code prefix}, in key order; close it when done. */
    Scan scan(byte[] prefix) {
        return new Scan(db.newIterator(), prefix);
    }

    /**
     * A {@link Map} view of the keys under {@code namespace}, with values as the project's JSON, for
     * {@link dev.ledgerstream.ledger.replay.ReplayLedger}'s finalization maps. Supports
     * {@code get}, {@code put} and {@code containsKey} only.
     */
    <V> Map<String, V> map(String namespace, Class<V> type) {
        return new AbstractMap<>() {
            @Override
            public V get(Object key) {
                byte[] value = DiskStore.this.get(keyOf(key));
                return value == null ? null : LedgerJson.mapper().readValue(value, type);
            }

            @Override
            public boolean containsKey(Object key) {
                return DiskStore.this.get(keyOf(key)) != null;
            }

            @Override
            public V put(String key, V value) {
                DiskStore.this.put(keyOf(key), LedgerJson.mapper().writeValueAsBytes(value));
                return null;
            }

            @Override
            public Set<Entry<String, V>> entrySet() {
                throw new UnsupportedOperationException("the replay's disk maps are not iterated");
            }

            private byte[] keyOf(Object key) {
                return (namespace + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    @Override
    public void close() {
        db.close();
        writes.close();
        options.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Scratch data only; the folder's name says what it is.
        }
    }

    /** An ordered pass over the values under one prefix. */
    static final class Scan implements Iterator<byte[]>, AutoCloseable {

        private final RocksIterator iterator;
        private final byte[] prefix;

        private Scan(RocksIterator iterator, byte[] prefix) {
            this.iterator = iterator;
            this.prefix = prefix;
            iterator.seek(prefix);
        }

        @Override
        public boolean hasNext() {
            return iterator.isValid() && startsWith(iterator.key(), prefix);
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] value = iterator.value();
            iterator.next();
            return value;
        }

        @Override
        public void close() {
            iterator.close();
        }

        private static boolean startsWith(byte[] key, byte[] prefix) {
            return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }
    }
}
