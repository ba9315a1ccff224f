package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** {@link Index} over a sorted map in unsigned key order, guarded by one read-write lock (etcd's {@code treeIndex}). */
final class TreeIndex implements Index {
    private static final Logger LOG = Logger.getLogger(TreeIndex.class);
    private static final ByteString UNBOUNDED = ByteString.copyFrom(new byte[] {0});

    private final NavigableMap<ByteString, KeyIndex> tree =
            new TreeMap<>(KeyOrder.UNSIGNED);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public KeyVersion get(ByteString key, long atRev) {
        return read(() -> {
            KeyIndex keyIndex = tree.get(key);
            return keyIndex == null ? null : keyIndex.get(atRev);
        });
    }

    @Override
    public IndexRange range(ByteString key, ByteString end, long atRev, long limit) {
        return read(() -> {
            List<ByteString> keys = new ArrayList<>();
            List<Revision> revisions = new ArrayList<>();
            long total = 0;
            for (KeyIndex keyIndex : slice(key, end).values()) {
                KeyVersion found = keyIndex.get(atRev);
                if (found == null) {
                    continue;
                }
                if (limit <= 0 || keys.size() < limit) {
                    keys.add(keyIndex.key());
                    revisions.add(found.modified());
                }
                total++;
            }
            return new IndexRange(keys, revisions, total);
        });
    }

    @Override
    public long count(ByteString key, ByteString end, long atRev) {
        return read(() -> {
            long count = 0;
            for (KeyIndex keyIndex : slice(key, end).values()) {
                if (keyIndex.get(atRev) != null) {
                    count++;
                }
            }
            return count;
        });
    }

    /** The entries of the range; see {@link Index} for the forms of {@code end}. Call under the lock. */
    private NavigableMap<ByteString, KeyIndex> slice(ByteString key, ByteString end) {
        if (end.isEmpty()) {
            return tree.subMap(key, true, key, true);
        }
        if (end.equals(UNBOUNDED)) {
            return tree.tailMap(key, true);
        }
        if (KeyOrder.compare(end, key) <= 0) {
            return Collections.emptyNavigableMap();
        }
        return tree.subMap(key, true, end, false);
    }

    @Override
    public void put(ByteString key, Revision rev) {
        write(() -> tree.computeIfAbsent(key, KeyIndex::new).put(rev));
    }

    @Override
    public boolean tombstone(ByteString key, Revision rev) {
        return writeAndGet(() -> {
            KeyIndex keyIndex = tree.get(key);
            return keyIndex != null && keyIndex.tombstone(rev);
        });
    }

    /** One traversal of the tree per record (computeIfAbsent): the rebuild inserts every key once. */
    @Override
    public int restore(ByteString key, Revision rev, boolean tombstone, long createRevision, long version) {
        return writeAndGet(() -> {
            KeyIndex keyIndex = tree.computeIfAbsent(key, KeyIndex::new);
            boolean wasLive = keyIndex.isLive();
            if (keyIndex.isNew()) {
                restoreFirst(keyIndex, rev, tombstone, createRevision, version);
            } else if (!tombstone) {
                keyIndex.put(rev);
            } else if (!keyIndex.tombstone(rev)) {
                LOG.warnf("restore: tombstone %s of key %s which is already deleted; ignored", rev, key);
            }
            return Boolean.compare(keyIndex.isLive(), wasLive);
        });
    }

    private static void restoreFirst(KeyIndex keyIndex, Revision rev, boolean tombstone, long created, long version) {
        if (tombstone) {
            keyIndex.restoreTombstone(rev);
        } else {
            keyIndex.restore(created, rev, version);
        }
    }

    /** One key at a time under the lock (etcd alike), so that reads and writes go on between two keys. */
    @Override
    public List<Revision> compact(long atRev) {
        List<Revision> available = new ArrayList<>();
        ByteString key = read(() -> tree.isEmpty() ? null : tree.firstKey());
        while (key != null) {
            ByteString current = key;
            key = writeAndGet(() -> {
                compactKey(current, atRev, available);
                return tree.higherKey(current);
            });
        }
        return available;
    }

    /** Call under the write lock. A key written in the meantime has only revisions above {@code atRev}: no-op. */
    private void compactKey(ByteString key, long atRev, List<Revision> available) {
        KeyIndex keyIndex = tree.get(key);
        keyIndex.compact(atRev, available);
        if (keyIndex.isEmpty()) {
            tree.remove(key);
        }
    }

    @Override
    public Set<Revision> keep(long atRev) {
        return read(() -> {
            Set<Revision> available = new HashSet<>();
            tree.values().forEach(keyIndex -> keyIndex.keep(atRev, available));
            return available;
        });
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable action) {
        writeAndGet(() -> {
            action.run();
            return null;
        });
    }

    private <T> T writeAndGet(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
