package org.crmsync.emulators.dataverse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.ColumnType;
import org.crmsync.emulators.odata.EntityTable;

/**
 * An entity set of the emulated Dataverse: its rows, logical name, lookups and option sets, and the
 * tombstones of deleted rows that change tracking reports.
 */
final class DataverseTable {

    private final EntityTable rows;
    private final String logicalName;
    private final Map<String, Lookup> lookups = new LinkedHashMap<>();
    private final Map<String, OptionSet> optionSets = new LinkedHashMap<>();
    private final boolean supportsMultiple;
    private final boolean changeTracking;
    private final EntityTable tombstones;

    DataverseTable(EntityTable rows, String logicalName, List<Lookup> lookups, boolean supportsMultiple,
                   boolean changeTracking) {
        this.rows = rows;
        this.logicalName = logicalName;
        lookups.forEach(lookup -> this.lookups.put(lookup.navigation(), lookup));
        this.supportsMultiple = supportsMultiple;
        this.changeTracking = changeTracking;
        this.tombstones = new EntityTable(rows.entitySet() + "#deleted", "id",
                List.of(Column.of("id", ColumnType.GUID), Column.of("versionnumber", ColumnType.INTEGER)));
    }

    EntityTable rows() {
        return rows;
    }

    String logicalName() {
        return logicalName;
    }

    Lookup lookup(String navigation) {
        return lookups.get(navigation);
    }

    List<Lookup> lookups() {
        return new ArrayList<>(lookups.values());
    }

    /** Whether the bulk actions (UpsertMultiple, CreateMultiple) are available. */
    boolean supportsMultiple() {
        return supportsMultiple;
    }

    boolean changeTracking() {
        return changeTracking;
    }

    EntityTable tombstones() {
        return tombstones;
    }

    OptionSet optionSet(String column) {
        return optionSets.get(column);
    }

    Collection<OptionSet> optionSets() {
        return optionSets.values();
    }

    void addOptionSet(String column, OptionSet options) {
        optionSets.put(column, options);
    }
}
