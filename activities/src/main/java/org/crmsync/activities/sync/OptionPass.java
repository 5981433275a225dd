package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.mapping.TableMapping.CrmTable;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;

/**
 * The Business Central → Dataverse pass of an option mapping (PAYMENT TERMS, SHIPMENT METHOD, SHIPPING AGENT,
 * bc-integration.md §2): each BC record is an option of a choice column, labelled with its code. A record is
 * coupled with the option that carries its code already, or gets a new option; a changed record relabels its
 * option. Options keep no modified-on, so only BC's changes count.
 */
final class OptionPass extends TablePass {

    private final ChoiceOptions options;

    OptionPass(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        this(mapping, connectors, store, new ChoiceOptions(connectors.dataverse(), mapping.crm()));
    }

    private OptionPass(TableMapping mapping, Connectors connectors, IntegrationStore store, ChoiceOptions options) {
        super(mapping, connectors, store, Direction.TO_INTEGRATION_TABLE,
                RecordSide.businessCentral(connectors.bc(), mapping.bc()), options);
        this.options = options;
    }

    @Override
    boolean insertsUncoupled() {
        return true;
    }

    /** Dataverse numbers a new option itself. */
    @Override
    String newDestinationId(String sourceId) {
        return null;
    }

    /** All the column's options: there are few, and a label is compared regardless of case. */
    @Override
    MatchCandidates matchCandidates(List<ObjectNode> uncoupled) {
        return new MatchCandidates(options.all(), Set.of());
    }

    @Override
    boolean sourceChanged(ObjectNode row, Coupling coupling) {
        return source.changedSince(row, coupling.bcModifiedOn(), null);
    }

    /** A one-way mapping: whatever happened to the option, BC's label is written. */
    @Override
    boolean destinationChanged(ObjectNode row, Coupling coupling) {
        return false;
    }

    /**
     * One metadata request per option. Adding an option is not idempotent; a page retried after a failure finds
     * the option it added by its label, which is the code, and couples it instead of adding it twice (the mapping
     * matches while syncing). Its coupling therefore commits with the page, which counts it once.
     */
    @Override
    List<WriteOutcome> write(List<PendingWrite> writes) {
        DataverseClient dataverse = connectors.dataverse();
        CrmTable crm = mapping.crm();
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (PendingWrite write : writes) {
            String label = write.body().path(CrmTable.OPTION_LABEL).asText();
            try {
                if (write.kind().creates()) {
                    int value = dataverse.insertOption(crm.logicalName(), crm.choiceColumn(), label);
                    outcomes.add(WriteOutcome.created(write, String.valueOf(value)));
                } else {
                    dataverse.relabelOption(crm.logicalName(), crm.choiceColumn(),
                            Integer.parseInt(write.destinationId()), label);
                    outcomes.add(WriteOutcome.written(write, null));
                }
            } catch (RequestRejected refused) {
                outcomes.add(WriteOutcome.refused(write, refused.getMessage()));
            }
        }
        return outcomes;
    }

    @Override
    Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(write.sourceId(), outcome.destinationId(), write.sourceModifiedOn(), null, null);
    }
}
