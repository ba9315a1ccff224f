package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * The history of one key as generations of revisions (etcd's {@code keyIndex}); values live on disk, this only
 * says which record holds the key's value at a revision.
 *
 * <p>put(1.0); put(2.0); tombstone(3.0); put(4.0); tombstone(5.0) on key "foo" gives:
 * <pre>
 *   key "foo", modified 5.0
 *   generations:  {1.0, 2.0, 3.0t}   {4.0, 5.0t}   {}
 *                  created 1.0        created 4.0   the current generation: empty, the key is deleted now
 * </pre>
 * get(2) finds 2.0 (version 2); get(3) finds nothing (the first generation ended at 3); get(4) finds 4.0 (version 1).
 *
 * <p>compact(C) keeps, in the first generation whose tombstone is not before C, the newest revision {@code <= C},
 * and drops everything older (contract §4.2, the 3.5.16+ rule: a tombstone exactly at C is kept):
 * <pre>
 *   compact(2):  {2.0, 3.0t} {4.0, 5.0t} {}
 *   compact(3):  {3.0t} {4.0, 5.0t} {}          (3.4 dropped the whole first generation here)
 *   compact(4):  {4.0, 5.0t} {}
 *   compact(5):  {5.0t} {}
 *   compact(6):  {}                             the key is empty: the index removes it
 * </pre>
 * <p>There is one per key in memory, so it keeps no more than the key and an exactly sized array of generations;
 * the last revision (etcd's {@code modified}) is read off the generations.
 * Not thread-safe: guarded by the index lock.
 */
final class KeyIndex {
    private static final Revision ZERO = new Revision(0, 0);
    private static final Generation[] NONE = {};

    private final ByteString key;
    private Generation[] generations = NONE;

    KeyIndex(ByteString key) {
        this.key = key;
    }

    ByteString key() {
        return key;
    }

    /** Appends a put to the current generation, starting it if the key is deleted or new. */
    void put(Revision rev) {
        Revision modified = modified();
        if (!rev.greaterThan(modified)) {
            throw new IllegalStateException("put " + rev + " of " + key + " not after " + modified);
        }
        if (generations.length == 0) {
            append(new Generation());
        }
        Generation current = current();
        if (current.isEmpty()) {
            current.created = rev.main();
        }
        current.add(rev);
        current.ver++;
    }

    /** The key's last revision, put or tombstone (etcd's {@code modified}); zero for a key without any. */
    private Revision modified() {
        for (int i = generations.length - 1; i >= 0; i--) {
            if (!generations[i].isEmpty()) {
                return generations[i].last();
            }
        }
        return ZERO;
    }

    private void append(Generation generation) {
        generations = Arrays.copyOf(generations, generations.length + 1);
        generations[generations.length - 1] = generation;
    }

    /**
     * Ends the current generation with a tombstone at {@code rev} and opens an empty one.
     *
     * @return false (and no change) when the key is already deleted
     */
    boolean tombstone(Revision rev) {
        checkNotEmpty();
        if (current().isEmpty()) {
            return false;
        }
        put(rev);
        append(new Generation());
        return true;
    }

    /** Starts a key at restore from its oldest surviving put record, which carries created and version. */
    void restore(long created, Revision rev, long version) {
        if (generations.length != 0) {
            throw new IllegalStateException("restore of " + key + " which already has history");
        }
        Generation generation = new Generation();
        generation.created = created;
        generation.ver = version;
        generation.add(rev);
        append(generation);
    }

    /**
     * Starts a key at restore from a tombstone, the only record left of a generation whose puts were compacted away:
     * its creation is unknown (zero). Keeping it lets a watch from that revision still see the DELETE (etcd#19179).
     */
    void restoreTombstone(Revision rev) {
        restore(0, rev, 1);
        append(new Generation());
    }

    /** The key at {@code atRev}, or null if it did not exist then. */
    KeyVersion get(long atRev) {
        checkNotEmpty();
        Generation generation = findGeneration(atRev);
        if (generation == null) {
            return null;
        }
        int n = generation.newestAtOrBefore(atRev);
        if (n < 0) {
            return null;
        }
        long version = generation.ver - (generation.size() - n - 1);
        return new KeyVersion(generation.get(n), generation.created, version);
    }

    /** The newest non-empty generation started at or before {@code rev}, or null if the key was deleted then. */
    private Generation findGeneration(long rev) {
        int last = generations.length - 1;
        for (int i = last; i >= 0; i--) {
            Generation generation = generations[i];
            if (generation.isEmpty()) {
                continue;
            }
            if (i != last && lastMain(generation) <= rev) {
                return null;
            }
            if (generation.main(0) <= rev) {
                return generation;
            }
        }
        return null;
    }

    /**
     * Drops the history older than what a read at {@code atRev} needs (see the class comment) and adds the
     * surviving revision {@code <= atRev}, if any, to {@code available}: the records the disk compaction keeps.
     */
    void compact(long atRev, Collection<Revision> available) {
        checkNotEmpty();
        Position position = findCompactPosition(atRev, available);
        Generation generation = generations[position.generation];
        if (!generation.isEmpty() && position.revision >= 0) {
            generation.dropBefore(position.revision);
        }
        keepSameRevisionGenerations(position.generation, atRev, available, true);
        if (position.generation > 0) {
            generations = Arrays.copyOfRange(generations, position.generation, generations.length);
        }
    }

    /**
     * Adds to {@code available} what {@link #compact} at {@code atRev} would keep, without changing anything, except
     * a tombstone ending a past generation: HashKV leaves those out, so hashes agree with etcd versions that drop it.
     */
    void keep(long atRev, Collection<Revision> available) {
        if (isEmpty()) {
            return;
        }
        Position position = findCompactPosition(atRev, available);
        Generation generation = generations[position.generation];
        boolean pastGeneration = position.generation != generations.length - 1;
        if (!generation.isEmpty() && pastGeneration && position.revision == generation.size() - 1) {
            available.remove(generation.get(position.revision));
        }
        keepSameRevisionGenerations(position.generation, atRev, available, false);
    }

    /**
     * Generations after the compact position can hold revisions {@code <= atRev} only at {@code atRev} itself: a
     * txn deleted the key and put it again within that one revision (the accepted {@code "\0"} range quirk allows
     * it). Each keeps its newest such revision, or a read at {@code atRev} would lose the live record. (etcd's
     * doCompact keeps only the first generation's and deletes the live record from disk.)
     */
    private void keepSameRevisionGenerations(int position, long atRev, Collection<Revision> available,
                                             boolean trim) {
        for (int g = position + 1; g < generations.length; g++) {
            Generation generation = generations[g];
            int revision = generation.newestAtOrBefore(atRev);
            if (revision < 0) {
                return;
            }
            available.add(generation.get(revision));
            if (trim) {
                generation.dropBefore(revision);
            }
        }
    }

    /** etcd's {@code doCompact}: the first generation not ended before {@code atRev}, and its newest rev there. */
    private Position findCompactPosition(long atRev, Collection<Revision> available) {
        int index = 0;
        while (index < generations.length - 1 && lastMain(generations[index]) < atRev) {
            index++;
        }
        Generation generation = generations[index];
        int revision = generation.newestAtOrBefore(atRev);
        if (revision >= 0) {
            available.add(generation.get(revision));
        }
        return new Position(index, revision);
    }

    /** Nothing was recorded yet: the key was just added to the index. */
    boolean isNew() {
        return generations.length == 0;
    }

    /** The key exists at the newest revision recorded: its current generation has a put. */
    boolean isLive() {
        return generations.length != 0 && !current().isEmpty();
    }

    /** Only the empty current generation is left: the key has no history anyone can read. */
    boolean isEmpty() {
        return generations.length == 1 && generations[0].isEmpty();
    }

    private Generation current() {
        return generations[generations.length - 1];
    }

    /** A past generation's last main revision (its tombstone's); past generations are never empty. */
    private static long lastMain(Generation generation) {
        return generation.main(generation.size() - 1);
    }

    private void checkNotEmpty() {
        if (isEmpty()) {
            throw new IllegalStateException("key index of " + key + " is empty");
        }
    }

    /** The generations as in the class comment, e.g. {@code {1.0, 2.0, 3.0t} {4.0, 5.0t} {}}. */
    @Override
    public String toString() {
        StringJoiner drawn = new StringJoiner(" ");
        for (int g = 0; g < generations.length; g++) {
            Generation generation = generations[g];
            boolean ended = g < generations.length - 1;
            StringJoiner revs = new StringJoiner(", ", "{", "}");
            for (int i = 0; i < generation.size(); i++) {
                revs.add(generation.get(i) + (ended && i == generation.size() - 1 ? "t" : ""));
            }
            drawn.add(revs.toString());
        }
        return drawn.toString();
    }

    private record Position(int generation, int revision) {
    }
}
