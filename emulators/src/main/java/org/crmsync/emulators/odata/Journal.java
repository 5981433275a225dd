package org.crmsync.emulators.odata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The writes of one unit of work, so that they can be undone: a Dataverse changeset or a Business Central
 * batch sent with {@code Isolation: snapshot} either applies whole or not at all.
 */
public final class Journal {

    private record Entry(EntityTable table, String id, ObjectNode before) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Stores {@code row}, remembering what it replaced; returns that row or null. */
    public ObjectNode put(EntityTable table, ObjectNode row) {
        ObjectNode before = table.put(row);
        entries.push(new Entry(table, row.get(table.key()).asText(), before));
        return before;
    }

    public ObjectNode remove(EntityTable table, String id) {
        ObjectNode before = table.remove(id);
        if (before != null) {
            entries.push(new Entry(table, id, before));
        }
        return before;
    }

    /** Undoes every write, newest first. */
    public void rollback() {
        while (!entries.isEmpty()) {
            Entry entry = entries.pop();
            if (entry.before() == null) {
                entry.table().remove(entry.id());
            } else {
                entry.table().put(entry.before());
            }
        }
    }
}
