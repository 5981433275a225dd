package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * A Business Central → Dataverse pass of any mapping, driven by its field mappings. Rows are written
 * with their primary key in the body, so a replayed page upserts the same rows. Tables that support it
 * get UpsertMultiple; when a batch is refused (all or nothing) its rows are written one by one, so only
 * the bad ones fail.
 */
final class ToDataversePass implements TablePass {

    /** Rows per UpsertMultiple request (peers.md §2.3: about 1,000 is a reasonable start). */
    static final int BATCH = 500;

    private final Connectors connectors;
    private final TableMapping mapping;
    private final FieldTransfer fields;
    private final Transformation transformation;
    private final RecordMatcher matcher;
    private final RecordSide source;
    private final RecordSide destination;

    ToDataversePass(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        this.connectors = connectors;
        this.mapping = mapping;
        this.source = RecordSide.businessCentral(connectors.bc(), mapping.bc());
        this.destination = RecordSide.dataverse(connectors.dataverse(), mapping.crm(), List.of());
        this.fields = new FieldTransfer(mapping, new Lookups(connectors, store, mapping));
        this.transformation = Transformation.named(mapping.transformation(), connectors);
        this.matcher = mapping.matchWhileSyncing() ? matcher(mapping, connectors, store) : null;
    }

    private static RecordMatcher matcher(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        TableMapping.CrmTable crm = mapping.crm();
        List<ObjectNode> rows = connectors.dataverse().readAll(crm.entitySet(), crm.filter(),
                RecordMatcher.destinationColumns(mapping, true));
        Set<String> coupled = new HashSet<>();
        store.couplings(connectors.profile().name(), mapping.name()).values()
                .forEach(coupling -> coupled.add(coupling.crmId()));
        return new RecordMatcher(mapping, true, rows, crm.key(), coupled);
    }

    @Override
    public TableMapping mapping() {
        return mapping;
    }

    @Override
    public RecordSide source() {
        return source;
    }

    @Override
    public RecordSide destination() {
        return destination;
    }

    @Override
    public boolean sourceIsDataverse() {
        return false;
    }

    @Override
    public String sourceKey(ObjectNode row) {
        return row.path(mapping.bc().keyField()).asText(source.id(row));
    }

    @Override
    public String match(ObjectNode row) {
        return matcher == null ? null : matcher.match(row);
    }

    @Override
    public ObjectNode transform(ObjectNode row) {
        ObjectNode body = fields.toCrm(row);
        transformation.apply(row, body);
        return body;
    }

    @Override
    public List<WriteOutcome> write(List<PendingWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        DataverseClient dataverse = connectors.dataverse();
        TableMapping.CrmTable crm = mapping.crm();
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<PendingWrite> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
            if (crm.supportsMultiple() && batch.size() > 1) {
                try {
                    dataverse.upsertMultiple(crm.entitySet(), crm.logicalName(), batch.stream().map(this::withKey).toList());
                    batch.forEach(write -> outcomes.add(WriteOutcome.written(write, null)));
                    continue;
                } catch (RequestRejected refused) {
                    // One bad row refuses the whole batch; find it by writing the rows one at a time.
                }
            }
            for (PendingWrite write : batch) {
                try {
                    dataverse.upsert(crm.entitySet(), write.destinationId(), write.body());
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
        row.put(mapping.crm().key(), write.destinationId());
        return row;
    }

    @Override
    public Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(write.sourceId(), write.destinationId(), write.sourceModifiedOn(),
                outcome.destinationModifiedOn());
    }
}
