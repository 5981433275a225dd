package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.mapping.TableMapping.CrmTable;

/**
 * The options of a Dataverse choice column as the rows of an option mapping: {@code {"Value": 3, "Label": "Net
 * 45"}}. A column has a handful of options, so they are read whole from its metadata; they have no filter, no
 * modified-on and no version.
 */
final class ChoiceOptions extends RecordSide {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataverseClient dataverse;
    private final CrmTable table;

    ChoiceOptions(DataverseClient dataverse, CrmTable table) {
        super(null, table.entitySet(), null, null, CrmTable.OPTION_VALUE, null, null, Duration.ZERO, null,
                "Dataverse option of " + table.logicalName() + "." + table.choiceColumn());
        this.dataverse = dataverse;
        this.table = table;
    }

    /** Every option of the column, in the column's order. */
    List<ObjectNode> all() {
        List<ObjectNode> rows = new ArrayList<>();
        dataverse.options(table.logicalName(), table.choiceColumn()).forEach((value, label) -> {
            ObjectNode row = JSON.createObjectNode();
            row.put(CrmTable.OPTION_VALUE, value);
            row.put(CrmTable.OPTION_LABEL, label);
            rows.add(row);
        });
        return rows;
    }

    @Override
    ODataPage firstPage(int pageSize, Instant modifiedAfter) {
        return new ODataPage(all(), null);
    }

    @Override
    List<ObjectNode> readById(Collection<String> ids, String within, String select) {
        Set<String> wanted = new HashSet<>(ids);
        return all().stream().filter(row -> wanted.contains(id(row))).toList();
    }

    /** Options keep no modified-on: an option coupling is stamped with its BC record's only (bc-integration.md §4). */
    @Override
    Instant modifiedOn(ObjectNode row) {
        return null;
    }
}
