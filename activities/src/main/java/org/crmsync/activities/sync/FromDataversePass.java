package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;

/**
 * A Dataverse → Business Central pass of any mapping, driven by its field mappings: SALESPEOPLE, and the
 * Dataverse half of the bidirectional ones. Rows the integration user modified last are not read when the
 * mapping filters echoes (§6, step 3). Records are updated with the ETag read just before, so a change
 * made in BC meanwhile fails the record instead of being overwritten. BC assigns the id of a record it
 * creates, so each create is coupled in the store as soon as BC answers: a page retried after a failure
 * further on finds it coupled instead of creating it twice. A create whose answer never came is found in BC
 * by the retry instead ({@link AnnouncedCreates}).
 */
final class FromDataversePass extends TablePass {

    private final Clock clock;
    private MatchCandidates bcRows;
    /** A document's lines, which go to BC with it when it is created there; null for other records. */
    private final DocumentLines lines;
    /** The companies of new contacts; null for other records. */
    private final ContactCompanies companies;

    FromDataversePass(TableMapping mapping, Connectors connectors, IntegrationStore store, Clock clock) {
        super(mapping, connectors, store, Direction.FROM_INTEGRATION_TABLE,
                RecordSide.dataverse(connectors.dataverse(), mapping.crm(), columnsRead(mapping),
                        mapping.filtersEchoes() ? "_modifiedby_value ne " + connectors.dataverse().whoAmI() : null),
                RecordSide.businessCentral(connectors.bc(), mapping.bc()));
        this.clock = clock;
        this.lines = DocumentLines.of(mapping, connectors, store);
        this.companies = isContacts(mapping) ? new ContactCompanies(connectors, store) : null;
    }

    private static boolean isContacts(TableMapping mapping) {
        return mapping.name().equals(DefaultMappings.CONTACT);
    }

    /**
     * The columns this pass writes to BC, those it matches by, which may go the other way only, and those a new
     * contact's company and name are made of.
     */
    private static List<String> columnsRead(TableMapping mapping) {
        List<String> columns = new ArrayList<>(FieldTransfer.crmColumns(mapping, Direction.FROM_INTEGRATION_TABLE));
        mapping.matchGroups().stream().flatMap(List::stream).map(FieldMapping::crmField)
                .filter(column -> !columns.contains(column)).forEach(columns::add);
        if (isContacts(mapping)) {
            ContactCompanies.COLUMNS.stream().filter(column -> !columns.contains(column)).forEach(columns::add);
        }
        return columns;
    }

    @Override
    void beforeInserts(List<ObjectNode> rows) {
        if (companies != null) {
            companies.prepare(rows);
        }
    }

    @Override
    ObjectNode transformForInsert(ObjectNode row) {
        ObjectNode body = transform(row);
        if (companies != null) {
            companies.complete(row, body);
        }
        return body;
    }

    @Override
    boolean insertsUncoupled() {
        return DefaultMappings.createdInBusinessCentral(mapping.name());
    }

    @Override
    String newDestinationId(String sourceId) {
        return null;
    }

    /** The BC table whole, read once per chunk: the tables matched this way (salespeople) are small. */
    @Override
    MatchCandidates matchCandidates(List<ObjectNode> uncoupled) {
        if (bcRows == null) {
            List<ObjectNode> all = connectors.bc().readAll(mapping.bc().entitySet(), null);
            Set<String> outside = new HashSet<>();
            if (mapping.bc().filter() != null && !all.isEmpty()) {
                all.forEach(row -> outside.add(destination.id(row)));
                connectors.bc().readAll(mapping.bc().entitySet(), mapping.bc().filter())
                        .forEach(row -> outside.remove(destination.id(row)));
            }
            bcRows = new MatchCandidates(all, outside);
        }
        return bcRows;
    }

    @Override
    boolean sourceChanged(ObjectNode row, Coupling coupling) {
        return source.changedSince(row, coupling.crmModifiedOn(), coupling.crmVersion());
    }

    @Override
    boolean destinationChanged(ObjectNode row, Coupling coupling) {
        return destination.changedSince(row, coupling.bcModifiedOn(), null);
    }

    @Override
    List<WriteOutcome> write(List<PendingWrite> writes) {
        DocumentLines.FromDataverse newLines = lines == null ? null : lines.fromDataverse(writes.stream()
                .filter(write -> write.kind().creates()).map(PendingWrite::sourceId).toList());
        Map<String, String> lineFailures = newLines == null ? Map.of() : newLines.failures();
        AnnouncedCreates creates = AnnouncedCreates.announce(connectors, store, mapping, destination,
                writes.stream().filter(write -> write.kind().creates() && !lineFailures.containsKey(write.sourceId()))
                        .map(PendingWrite::sourceId).toList(),
                clock.instant());
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (PendingWrite write : writes) {
            try {
                if (!write.kind().creates()) {
                    outcomes.add(update(write));
                } else if (lineFailures.containsKey(write.sourceId())) {
                    outcomes.add(WriteOutcome.refused(write, lineFailures.get(write.sourceId())));
                } else {
                    outcomes.add(create(write, newLines, creates));
                }
            } catch (RequestRejected | RecordFailure refused) {
                outcomes.add(WriteOutcome.refused(write, refused.getMessage()));
            }
        }
        return outcomes;
    }

    /**
     * Updates the record, and a document's lines as Sales has them now; the lines are resolved before anything is
     * written, so a line BC cannot take fails the document whole.
     */
    private WriteOutcome update(PendingWrite write) {
        DocumentLines.LineChanges lineChanges = lines == null ? null
                : lines.changesFromDataverse(write.sourceId(), write.destinationId());
        ObjectNode updated = connectors.updateInBusinessCentral(mapping.bc().entitySet(), write.destinationId(),
                write.body(), write.destinationEtag());
        if (lineChanges != null && !lineChanges.isEmpty()) {
            lines.applyToBusinessCentral(lineChanges);
            // a line's change stamps its document again: the coupling keeps the stamp that follows it
            updated = destination.current(List.of(write.destinationId())).get(write.destinationId());
        }
        return WriteOutcome.written(write, destination.modifiedOn(updated));
    }

    /**
     * Creates the record, a document with its lines, and couples it at once (a restored record's coupling to its
     * deleted one goes), then gives the Dataverse row the values only BC fills, such as the new number, and a
     * document's lines their BC line numbers, so that the pair agrees. A record an earlier attempt created without
     * hearing back is coupled instead of created again.
     */
    private WriteOutcome create(PendingWrite write, DocumentLines.FromDataverse newLines, AnnouncedCreates creates) {
        ObjectNode body = write.body();
        if (newLines != null) {
            body = body.deepCopy();
            body.set(lines.bcLinesSet(), newLines.lines().getOrDefault(write.sourceId(), body.arrayNode()));
        }
        ObjectNode created = creates.create(write.sourceId(), body);
        WriteOutcome outcome = WriteOutcome.createdAndCoupled(write, destination.id(created),
                destination.modifiedOn(created));
        store.couple(connectors.profile().name(), mapping.name(), Direction.FROM_INTEGRATION_TABLE,
                couplingAfter(outcome), write.kind() == PendingWrite.Kind.RESTORE ? write.destinationId() : null);
        ObjectNode backfill = fields.oneWayToCrm(created);
        if (!backfill.isEmpty()) {
            connectors.dataverse().upsert(mapping.crm().entitySet(), write.sourceId(), backfill);
        }
        if (newLines != null) {
            lines.numberLines(newLines.numbers().get(write.sourceId()));
        }
        return outcome;
    }

    @Override
    Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(outcome.destinationId(), write.sourceId(), outcome.destinationModifiedOn(),
                write.sourceModifiedOn(), write.sourceVersion());
    }
}
