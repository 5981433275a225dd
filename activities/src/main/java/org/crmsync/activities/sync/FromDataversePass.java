package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;

/**
 * A Dataverse → Business Central pass of any mapping, driven by its field mappings: SALESPEOPLE, and the
 * Dataverse half of the bidirectional ones. Rows the integration user modified last are not read when the
 * mapping filters echoes (§6, step 3). Records are updated with the ETag read just before, so a change
 * made in BC meanwhile fails the record instead of being overwritten. Uncoupled Dataverse rows are coupled
 * by the mapping's match fields, or skipped: crmsync does not yet create BC records from Dataverse.
 */
final class FromDataversePass extends TablePass {

    FromDataversePass(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        super(mapping, connectors, store, Direction.FROM_INTEGRATION_TABLE,
                RecordSide.dataverse(connectors.dataverse(), mapping.crm(),
                        FieldTransfer.crmColumns(mapping, Direction.FROM_INTEGRATION_TABLE),
                        mapping.filtersEchoes() ? "_modifiedby_value ne " + connectors.dataverse().whoAmI() : null),
                RecordSide.businessCentral(connectors.bc(), mapping.bc()));
    }

    @Override
    boolean sourceIsDataverse() {
        return true;
    }

    @Override
    String sourceKey(ObjectNode row) {
        return row.path(mapping.crm().keyField()).asText(source.id(row));
    }

    @Override
    boolean insertsUncoupled() {
        return false;
    }

    @Override
    boolean destinationChanged(ObjectNode row, Coupling coupling) {
        return coupling.bcModifiedOn() == null || destination.modifiedOn(row).isAfter(coupling.bcModifiedOn());
    }

    @Override
    List<WriteOutcome> write(List<PendingWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (PendingWrite write : writes) {
            try {
                ObjectNode updated = connectors.bc().update(mapping.bc().entitySet(), write.destinationId(),
                        write.body(), write.destinationEtag());
                outcomes.add(WriteOutcome.written(write, destination.modifiedOn(updated)));
            } catch (RequestRejected refused) {
                outcomes.add(WriteOutcome.refused(write, refused.getMessage()));
            }
        }
        return outcomes;
    }

    @Override
    Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        Instant bcModifiedOn = outcome.destinationModifiedOn();
        return new Coupling(write.destinationId(), write.sourceId(), bcModifiedOn, write.sourceModifiedOn());
    }
}
