package org.crmsync.emulators.dataverse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.crmsync.emulators.odata.EntityTable;

/**
 * An entity set of the emulated Dataverse: its rows, its logical name and its lookups.
 *
 * @param supportsMultiple whether the bulk actions (UpsertMultiple, CreateMultiple) are available
 */
record DataverseTable(EntityTable rows, String logicalName, Map<String, Lookup> lookups, boolean supportsMultiple) {

    DataverseTable(EntityTable rows, String logicalName, List<Lookup> lookups, boolean supportsMultiple) {
        this(rows, logicalName, lookups.stream().collect(Collectors.toMap(Lookup::navigation, Function.identity())),
                supportsMultiple);
    }
}
