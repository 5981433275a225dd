package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;

/**
 * SALESPEOPLE: Dataverse users → BC salespeople (bc-integration.md §2). A user couples with the
 * salesperson its match fields agree with (the e-mail, regardless of case); a user with no such
 * salesperson is skipped until someone couples it by hand, since BC never creates salespeople from users.
 */
final class SalespeoplePass implements TablePass {

    private final Connectors connectors;
    private final TableMapping mapping;
    private final List<FieldMapping> fields;
    private final RecordMatcher matcher;
    private final RecordSide source;
    private final RecordSide destination;

    SalespeoplePass(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        this.connectors = connectors;
        this.mapping = mapping;
        this.fields = mapping.fieldsWriting(Direction.FROM_INTEGRATION_TABLE);
        this.source = RecordSide.dataverse(connectors.dataverse(), mapping.crm(),
                fields.stream().map(FieldMapping::crmField).toList());
        this.destination = RecordSide.businessCentral(connectors.bc(), mapping.bc());
        List<ObjectNode> salespeople = connectors.bc().readAll(mapping.bc().entitySet(), null);
        Set<String> coupled = new HashSet<>(store.couplings(connectors.profile().name(), mapping.name()).keySet());
        this.matcher = new RecordMatcher(mapping, false, salespeople, "id", coupled);
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
        return true;
    }

    @Override
    public String sourceKey(ObjectNode row) {
        return row.path("internalemailaddress").asText(source.id(row));
    }

    @Override
    public String match(ObjectNode row) {
        return matcher.match(row);
    }

    @Override
    public boolean insertsUncoupled() {
        return false;
    }

    @Override
    public ObjectNode transform(ObjectNode row) {
        ObjectNode salesperson = row.objectNode();
        for (FieldMapping field : fields) {
            salesperson.put(field.bcField(), row.path(field.crmField()).asText(""));
        }
        return salesperson;
    }

    @Override
    public List<WriteOutcome> write(List<PendingWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (PendingWrite write : writes) {
            try {
                ObjectNode updated = connectors.bc().update(mapping.bc().entitySet(), write.destinationId(), write.body());
                outcomes.add(WriteOutcome.written(write, Instant.parse(updated.path("lastModifiedDateTime").asText())));
            } catch (RequestRejected refused) {
                outcomes.add(WriteOutcome.refused(write, refused.getMessage()));
            }
        }
        return outcomes;
    }

    @Override
    public Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(write.destinationId(), write.sourceId(), outcome.destinationModifiedOn(),
                write.sourceModifiedOn());
    }
}
