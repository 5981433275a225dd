package org.crmsync.emulators.odata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The rows of one entity set, ordered by primary key. Rows are never changed in place: a write puts a
 * new node, so a reader may keep the nodes it was handed while others write.
 */
public final class EntityTable {

    private final String entitySet;
    private final String key;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final TreeMap<String, ObjectNode> rows = new TreeMap<>();

    public EntityTable(String entitySet, String key, List<Column> columns) {
        this.entitySet = entitySet;
        this.key = key;
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

    public Column column(String name) {
        return columns.get(name);
    }

    public Collection<Column> columns() {
        return columns.values();
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** Ids are GUIDs, compared without regard to case. */
    private static String normalize(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    public synchronized ObjectNode get(String id) {
        return rows.get(normalize(id));
    }

    public synchronized void put(ObjectNode row) {
        rows.put(normalize(row.get(key).asText()), row);
    }

    public synchronized ObjectNode remove(String id) {
        return rows.remove(normalize(id));
    }

    public synchronized int size() {
        return rows.size();
    }

    public synchronized List<ObjectNode> all() {
        return new ArrayList<>(rows.values());
    }

    /** Up to {@code limit} rows after the row with key {@code afterId} (from the start when null). */
    public synchronized List<ObjectNode> after(String afterId, int limit, java.util.function.Predicate<ObjectNode> filter) {
        NavigableMap<String, ObjectNode> tail = afterId == null ? rows : rows.tailMap(normalize(afterId), false);
        List<ObjectNode> page = new ArrayList<>();
        Iterator<ObjectNode> it = tail.values().iterator();
        while (it.hasNext() && page.size() < limit) {
            ObjectNode row = it.next();
            if (filter.test(row)) {
                page.add(row);
            }
        }
        return page;
    }
}
