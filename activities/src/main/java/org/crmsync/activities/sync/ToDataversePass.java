package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.store.Coupling;

/**
 * A Business Central → Dataverse pass. Rows are written with their primary key in the body, so a
 * replayed page upserts the same rows. Tables that support it get UpsertMultiple; when a batch is refused
 * (all or nothing) its rows are written one by one, so only the bad ones fail.
 */
abstract class ToDataversePass implements TablePass {

    /** Rows per UpsertMultiple request (peers.md §2.3: about 1,000 is a reasonable start). */
    static final int BATCH = 500;

    protected final Connectors connectors;
    private final String bcEntitySet;
    private final String bcFilter;
    private final String entitySet;
    private final String logicalName;
    private final String key;
    private final boolean supportsMultiple;

    ToDataversePass(Connectors connectors, String bcEntitySet, String bcFilter, String entitySet, String logicalName,
                    String key, boolean supportsMultiple) {
        this.connectors = connectors;
        this.bcEntitySet = bcEntitySet;
        this.bcFilter = bcFilter;
        this.entitySet = entitySet;
        this.logicalName = logicalName;
        this.key = key;
        this.supportsMultiple = supportsMultiple;
    }

    @Override
    public ODataPage firstPage(int pageSize) {
        return connectors.bc().firstPage(bcEntitySet, bcFilter, null, pageSize);
    }

    @Override
    public ODataPage nextPage(String nextLink, int pageSize) {
        return connectors.bc().nextPage(nextLink, pageSize);
    }

    @Override
    public boolean sourceIsDataverse() {
        return false;
    }

    @Override
    public String sourceId(ObjectNode row) {
        return row.get("id").asText();
    }

    @Override
    public Instant sourceModifiedOn(ObjectNode row) {
        return Instant.parse(row.get("lastModifiedDateTime").asText());
    }

    @Override
    public List<WriteOutcome> write(List<PendingWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        DataverseClient dataverse = connectors.dataverse();
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<PendingWrite> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
            if (supportsMultiple && batch.size() > 1) {
                try {
                    dataverse.upsertMultiple(entitySet, logicalName, batch.stream().map(this::withKey).toList());
                    batch.forEach(write -> outcomes.add(WriteOutcome.written(write, null)));
                    continue;
                } catch (RequestRejected refused) {
                    // One bad row refuses the whole batch; find it by writing the rows one at a time.
                }
            }
            for (PendingWrite write : batch) {
                try {
                    dataverse.upsert(entitySet, write.destinationId(), write.body());
                    outcomes.add(WriteOutcome.written(write, null));
                } catch (RequestRejected refused) {
                    outcomes.add(WriteOutcome.refused(write, refused.getMessage()));
                }
            }
        }
        return outcomes;
    }

    private ObjectNode withKey(PendingWrite write) {
        ObjectNode row = write.body().deepCopy();
        row.put(key, write.destinationId());
        return row;
    }

    @Override
    public Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(write.sourceId(), write.destinationId(), write.sourceModifiedOn(),
                outcome.destinationModifiedOn());
    }

    /** Puts {@code value} unless it is blank: Dataverse keeps no difference between empty and absent text. */
    static void putText(ObjectNode target, String column, ObjectNode source, String field) {
        String value = source.path(field).asText("");
        if (value.isBlank()) {
            target.putNull(column);
        } else {
            target.put(column, value);
        }
    }
}
