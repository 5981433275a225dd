package org.crmsync.emulators.odata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The rows of one entity set, ordered by primary key.
 *
 * <p>Each row is held as its UTF-8 JSON and parsed when read, so a million customers fit in a few hundred
 * megabytes instead of gigabytes of tree nodes; it also means every reader gets its own copy, and a write
 * always replaces a row whole. A table indexes a column the first time rows are looked up by it
 * (an order's lines by {@code documentId}, customers by {@code number}), so that finding them does not scan
 * the table; one column may be named as the table's index column, for {@link #withIndexed}.
 */
public final class EntityTable {

    private static final ObjectMapper JSON = JsonBodies.MAPPER;
    private static final char SEPARATOR = '\u0000';

    private final String entitySet;
    private final String key;
    private final String indexColumn;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private TreeMap<String, byte[]> rows = new TreeMap<>();
    /**
     * Per indexed column, "value\0key" pairs with the value in lower case, so the rows with one value are a
     * contiguous range in key order. Each is built the first time a column is looked up, so that seeding a
     * million rows does not pay for indexes nobody asks for.
     */
    private Map<String, TreeSet<String>> indexes = new HashMap<>();

    public EntityTable(String entitySet, String key, List<Column> columns) {
        this(entitySet, key, columns, null);
    }

    /** @param indexColumn the column to index rows by, or null */
    public EntityTable(String entitySet, String key, List<Column> columns, String indexColumn) {
        this.entitySet = entitySet;
        this.key = key;
        this.indexColumn = indexColumn;
        for (Column column : columns) {
            this.columns.put(column.name(), column);
        }
        if (!this.columns.containsKey(key)) {
            throw new IllegalArgumentException(entitySet + " has no key column " + key);
        }
    }

    public String entitySet() {
        return entitySet;
    }

    public String key() {
        return key;
    }

    public synchronized Column column(String name) {
        return columns.get(name);
    }

    public synchronized Collection<Column> columns() {
        return List.copyOf(columns.values());
    }

    public synchronized boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** Adds a column, as a customizer does on the live service; false if one of that name exists. */
    public synchronized boolean addColumn(Column column) {
        return columns.putIfAbsent(column.name(), column) == null;
    }

    /** Ids are GUIDs, compared without regard to case. */
    private static String normalize(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    public synchronized ObjectNode get(String id) {
        return parse(rows.get(normalize(id)));
    }

    /** Whether a row has key {@code id}: what a reference needs checked, without reading the row. */
    public synchronized boolean contains(String id) {
        return rows.containsKey(normalize(id));
    }

    /** Stores {@code row} under its key and returns the row it replaced, or null. */
    public synchronized ObjectNode put(ObjectNode row) {
        String id = normalize(row.get(key).asText());
        ObjectNode replaced = parse(rows.put(id, bytes(row)));
        reindex(id, replaced, row);
        return replaced;
    }

    /** Moves row {@code id} in the indexes built so far from where {@code replaced} had it to where {@code row} goes. */
    private void reindex(String id, ObjectNode replaced, ObjectNode row) {
        indexes.forEach((column, index) -> {
            if (replaced != null) {
                index.remove(indexKey(replaced, column, id));
            }
            if (row != null) {
                index.add(indexKey(row, column, id));
            }
        });
    }

    private static String indexKey(ObjectNode row, String column, String id) {
        return normalize(row.path(column).asText("")) + SEPARATOR + id;
    }

    /** A batch for loading many rows, as seeding does. */
    public Bulk bulk() {
        return new Bulk();
    }

    /**
     * Rows serialized as they are added, so that waiting costs little heap, and stored together by
     * {@link #store()} in key order: each insert then walks a path the previous one left in the CPU cache,
     * where a million rows in random order spend most of their time waiting on memory.
     */
    public final class Bulk {

        private record Pending(String id, byte[] json) {
        }

        private final List<Pending> pending = new ArrayList<>();

        private Bulk() {
        }

        public void add(ObjectNode row) {
            pending.add(new Pending(normalize(row.get(key).asText()), bytes(row)));
        }

        public int size() {
            return pending.size();
        }

        /** Stores the rows added since the last call. */
        public void store() {
            pending.sort(Comparator.comparing(Pending::id));
            synchronized (EntityTable.this) {
                for (Pending row : pending) {
                    byte[] previous = rows.put(row.id(), row.json());
                    // Parse the rows only when an index must move them.
                    if (!indexes.isEmpty()) {
                        reindex(row.id(), parse(previous), parse(row.json()));
                    }
                }
            }
            pending.clear();
        }
    }

    public synchronized ObjectNode remove(String id) {
        String normalized = normalize(id);
        ObjectNode removed = parse(rows.remove(normalized));
        reindex(normalized, removed, null);
        return removed;
    }

    public synchronized int size() {
        return rows.size();
    }

    /** The rows whose index column holds {@code value} (regardless of case), in key order. */
    public List<ObjectNode> withIndexed(String value) {
        if (indexColumn == null) {
            throw new IllegalStateException(entitySet + " has no index column");
        }
        return withValues(indexColumn, List.of(value), null, Integer.MAX_VALUE, row -> true);
    }

    /**
     * Up to {@code limit} rows after key {@code afterId} (from the start when null) whose {@code column} holds
     * one of {@code values}, regardless of case, and that pass {@code filter}, in key order: found through an
     * index of the column, as a database would, rather than by testing every row.
     */
    public synchronized List<ObjectNode> withValues(String column, Collection<String> values, String afterId,
                                                    int limit, Predicate<ObjectNode> filter) {
        TreeSet<String> index = indexes.computeIfAbsent(column, c -> {
            TreeSet<String> built = new TreeSet<>();
            rows.forEach((id, row) -> built.add(indexKey(parse(row), c, id)));
            return built;
        });
        // One cursor per value, each in key order, merged by key.
        PriorityQueue<ValueCursor> cursors = new PriorityQueue<>(Comparator.comparing(ValueCursor::id));
        for (String value : new HashSet<>(values)) {
            String prefix = normalize(value) + SEPARATOR;
            String from = afterId == null ? prefix : prefix + normalize(afterId);
            ValueCursor cursor = new ValueCursor(prefix.length(),
                    index.subSet(from, afterId == null, prefix + Character.MAX_VALUE, false).iterator());
            if (cursor.advance()) {
                cursors.add(cursor);
            }
        }
        List<ObjectNode> result = new ArrayList<>();
        while (!cursors.isEmpty() && result.size() < limit) {
            ValueCursor cursor = cursors.poll();
            ObjectNode row = parse(rows.get(cursor.id()));
            if (filter.test(row)) {
                result.add(row);
            }
            if (cursor.advance()) {
                cursors.add(cursor);
            }
        }
        return result;
    }

    /** Where a walk through the index entries of one value stands. */
    private static final class ValueCursor {
        private final int prefixLength;
        private final Iterator<String> entries;
        private String id;

        ValueCursor(int prefixLength, Iterator<String> entries) {
            this.prefixLength = prefixLength;
            this.entries = entries;
        }

        boolean advance() {
            if (!entries.hasNext()) {
                return false;
            }
            id = entries.next().substring(prefixLength);
            return true;
        }

        String id() {
            return id;
        }
    }

    /** Every row that passes {@code filter}, in key order. */
    public List<ObjectNode> select(Predicate<ObjectNode> filter) {
        return after(null, Integer.MAX_VALUE, filter);
    }

    /** How many rows pass {@code filter}. */
    public long count(Predicate<ObjectNode> filter) {
        long count = 0;
        for (byte[] row : snapshotValues()) {
            if (filter.test(parse(row))) {
                count++;
            }
        }
        return count;
    }

    /** Up to {@code limit} rows after the row with key {@code afterId} (from the start when null). */
    public List<ObjectNode> after(String afterId, int limit, Predicate<ObjectNode> filter) {
        List<ObjectNode> page = new ArrayList<>();
        String from = afterId == null ? null : normalize(afterId);
        // Parse outside the lock, a slice at a time, so that long scans do not hold up writers.
        while (page.size() < limit) {
            List<Map.Entry<String, byte[]>> slice = slice(from, 1024);
            if (slice.isEmpty()) {
                break;
            }
            for (Map.Entry<String, byte[]> entry : slice) {
                ObjectNode row = parse(entry.getValue());
                if (filter.test(row)) {
                    page.add(row);
                    if (page.size() == limit) {
                        break;
                    }
                }
            }
            from = slice.get(slice.size() - 1).getKey();
        }
        return page;
    }

    /**
     * Up to {@code limit} rows after the row with key {@code afterId} as stored: each entry's key is the
     * row's key in lower case and its value the row's UTF-8 JSON, which the caller must not change. For
     * pages served without a filter, which need not parse what they only copy.
     */
    public List<Map.Entry<String, byte[]>> storedAfter(String afterId, int limit) {
        return slice(afterId == null ? null : normalize(afterId), limit);
    }

    private synchronized List<Map.Entry<String, byte[]>> slice(String afterKey, int size) {
        NavigableMap<String, byte[]> tail = afterKey == null ? rows : rows.tailMap(afterKey, false);
        // Not tail.size(): a tail map counts its entries one by one, which made every page of a large table slow.
        List<Map.Entry<String, byte[]>> slice = new ArrayList<>(Math.min(size, rows.size()));
        for (Map.Entry<String, byte[]> entry : tail.entrySet()) {
            if (slice.size() == size) {
                break;
            }
            slice.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return slice;
    }

    private synchronized List<byte[]> snapshotValues() {
        return new ArrayList<>(rows.values());
    }

    /** The rows as they are now; cheap, because stored rows are never changed in place. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(rows));
    }

    /** Puts the rows back as they were when {@code snapshot} was taken. */
    public synchronized void restore(Snapshot snapshot) {
        rows = new TreeMap<>(snapshot.rows);
        indexes = new HashMap<>(); // rebuilt on their next use
    }

    /** The stored state of a table at one moment. */
    public static final class Snapshot {
        private final TreeMap<String, byte[]> rows;

        private Snapshot(TreeMap<String, byte[]> rows) {
            this.rows = rows;
        }
    }

    private static byte[] bytes(ObjectNode row) {
        try {
            return JSON.writeValueAsBytes(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return (ObjectNode) JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
