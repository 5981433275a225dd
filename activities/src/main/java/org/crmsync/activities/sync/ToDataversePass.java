package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.MappingOptions;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.setup.OwnershipModel;

/**
 * A Business Central → Dataverse pass of any mapping, driven by its field mappings. Rows are written
 * with their primary key in the body, so a replayed page upserts the same rows. Tables that support it
 * get UpsertMultiple, in batches halved around a bad row; the others a $batch that goes on after a failure.
 */
final class ToDataversePass extends TablePass {

    /** Rows per UpsertMultiple request (peers.md §2.3: about 1,000 is a reasonable start). */
    static final int BATCH = 500;
    /** Requests per $batch, well within Dataverse's 1,000. */
    private static final int REQUESTS_PER_BATCH = 100;

    private final Transformation transformation;
    /** A document's lines, written after their headers; null for a mapping whose records have none. */
    private final DocumentLines lines;
    /** New rows belong to the default team: the Team ownership model, for a table whose rows have an owner. */
    private final boolean teamOwned;

    ToDataversePass(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        super(mapping, connectors, store, Direction.TO_INTEGRATION_TABLE,
                RecordSide.businessCentral(connectors.bc(), mapping.bc()),
                RecordSide.dataverse(connectors.dataverse(), mapping.crm(),
                        FieldTransfer.crmColumns(mapping, Direction.BIDIRECTIONAL), null));
        this.transformation = Transformation.named(mapping.transformation(), connectors, store);
        this.lines = DocumentLines.of(mapping, connectors, store);
        this.teamOwned = DefaultMappings.ownedBySalespeople(mapping.name())
                && MappingOptions.of(store.mappings(connectors.profile().name())).ownership() == OwnershipModel.TEAM;
    }

    /** In the Team ownership model a new row is given to the integration user's default team; no update changes it. */
    @Override
    ObjectNode transformForInsert(ObjectNode row) {
        ObjectNode body = transform(row);
        if (teamOwned) {
            body.put("ownerid@odata.bind", "/teams(" + connectors.dataverse().defaultTeam() + ")");
        }
        return body;
    }

    @Override
    boolean insertsUncoupled() {
        return true;
    }

    /** Derived from the source record, so that a replayed create upserts the same row. */
    @Override
    String newDestinationId(String sourceId) {
        return RecordIds.destinationId(mapping.name(), sourceId);
    }

    /**
     * The Dataverse rows whose first match field of a group holds a value of the page's records: a few
     * requests per page, whatever the size of the table (Dataverse compares text regardless of case).
     */
    @Override
    MatchCandidates matchCandidates(List<ObjectNode> uncoupled) {
        Map<String, ObjectNode> candidates = readCandidates(uncoupled, null);
        Set<String> outside = new HashSet<>();
        // the filtered read only tells which candidates are inside: no candidates, no read
        if (mapping.crm().filter() != null && !candidates.isEmpty()) {
            outside.addAll(candidates.keySet());
            outside.removeAll(readCandidates(uncoupled, mapping.crm().filter()).keySet());
        }
        return new MatchCandidates(List.copyOf(candidates.values()), outside);
    }

    /** Rows whose first match column holds a value of the page's, by id, within {@code filter} (null: all). */
    private Map<String, ObjectNode> readCandidates(List<ObjectNode> uncoupled, String filter) {
        String columns = RecordMatcher.destinationColumns(mapping, true) + "," + mapping.crm().key();
        Map<String, ObjectNode> candidates = new LinkedHashMap<>();
        for (List<FieldMapping> group : mapping.matchGroups()) {
            FieldMapping first = group.get(0);
            List<String> values = uncoupled.stream().map(row -> row.path(first.bcField()).asText("").strip())
                    .filter(value -> !value.isEmpty()).toList();
            for (ObjectNode row : AnyOf.read(first.crmField(), values, true, anyOf -> connectors.dataverse()
                    .readAll(mapping.crm().entitySet(), RecordSide.and(filter, anyOf), columns))) {
                candidates.putIfAbsent(destination.id(row), row);
            }
        }
        return candidates;
    }

    @Override
    void beforePage(List<ObjectNode> rows) {
        super.beforePage(rows);
        transformation.prepare(rows);
    }

    @Override
    ObjectNode transform(ObjectNode row) {
        ObjectNode body = super.transform(row);
        transformation.apply(row, body);
        return body;
    }

    /**
     * A Dataverse row changed when someone other than the integration modified it after the last
     * synchronization: the integration's own writes are not changes (their modifiedon is not known to the
     * coupling, since UpsertMultiple returns none).
     */
    @Override
    boolean destinationChanged(ObjectNode row, Coupling coupling) {
        return !row.path("_modifiedby_value").asText().equals(connectors.dataverse().whoAmI())
                && destination.changedSince(row, coupling.crmModifiedOn(), coupling.crmVersion());
    }

    @Override
    boolean sourceChanged(ObjectNode row, Coupling coupling) {
        return source.changedSince(row, coupling.bcModifiedOn(), null);
    }

    @Override
    List<WriteOutcome> write(List<PendingWrite> writes) {
        if (lines == null) {
            return writeInBatches(writes, new ArrayList<>());
        }
        DocumentLines.Prepared prepared = lines.prepare(writes.stream().map(PendingWrite::sourceId).toList());
        List<WriteOutcome> outcomes = new ArrayList<>();
        List<PendingWrite> writable = new ArrayList<>();
        for (PendingWrite write : writes) {
            String unresolved = prepared.failures().get(write.sourceId());
            if (unresolved == null) {
                writable.add(write);
            } else {
                outcomes.add(WriteOutcome.refused(write, unresolved));
            }
        }
        return withLines(writeInBatches(writable, outcomes), prepared);
    }

    /**
     * Sends a page's batches at once, as Microsoft advises for bulk writes (peers.md §2.3), so that the page waits
     * for its slowest batch rather than for their sum. The outcomes keep the writes' order.
     */
    private List<WriteOutcome> writeInBatches(List<PendingWrite> writes, List<WriteOutcome> outcomes) {
        if (writes.size() <= BATCH) {
            write(writes, outcomes);
            return outcomes;
        }
        List<Future<List<WriteOutcome>>> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<PendingWrite> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
            batches.add(connectors.concurrently(() -> {
                List<WriteOutcome> written = new ArrayList<>();
                write(batch, written);
                return written;
            }));
        }
        Futures.joinAll(batches).forEach(outcomes::addAll);
        return outcomes;
    }

    /**
     * Writes the lines of the headers written. A header one of whose lines Dataverse refused fails with the
     * reason, so that it is written again, and its lines with it.
     */
    private List<WriteOutcome> withLines(List<WriteOutcome> outcomes, DocumentLines.Prepared prepared) {
        Map<String, String> headers = new LinkedHashMap<>();
        outcomes.stream().filter(outcome -> outcome.error() == null)
                .forEach(outcome -> headers.put(outcome.write().sourceId(), outcome.destinationId()));
        Map<String, String> failures = lines.write(headers, prepared);
        return outcomes.stream().map(outcome -> {
            String failure = failures.get(outcome.write().sourceId());
            return failure == null || outcome.error() != null ? outcome : WriteOutcome.refused(outcome.write(), failure);
        }).toList();
    }

    /**
     * Writes a batch with UpsertMultiple where the table has it. One bad row refuses a whole batch (all or
     * nothing), so a refused batch is halved until the bad rows stand alone: a few requests instead of one per
     * row, and only the bad rows fail. Other tables get a {@code $batch} that goes on after a failure.
     */
    private void write(List<PendingWrite> batch, List<WriteOutcome> outcomes) {
        DataverseClient dataverse = connectors.dataverse();
        TableMapping.CrmTable crm = mapping.crm();
        if (crm.supportsMultiple() && batch.size() > 1) {
            try {
                dataverse.upsertMultiple(crm.entitySet(), crm.logicalName(), batch.stream().map(this::withKey).toList());
                batch.forEach(write -> outcomes.add(WriteOutcome.written(write, null)));
            } catch (RequestRejected refused) {
                write(batch.subList(0, batch.size() / 2), outcomes);
                write(batch.subList(batch.size() / 2, batch.size()), outcomes);
            }
            return;
        }
        if (batch.size() > 1) {
            for (int from = 0; from < batch.size(); from += REQUESTS_PER_BATCH) {
                List<PendingWrite> part = batch.subList(from, Math.min(batch.size(), from + REQUESTS_PER_BATCH));
                List<String> errors = dataverse.upsertBatch(crm.entitySet(), part.stream()
                        .map(write -> Map.entry(write.destinationId(), write.body())).toList());
                for (int i = 0; i < part.size(); i++) {
                    outcomes.add(errors.get(i) == null ? WriteOutcome.written(part.get(i), null)
                            : WriteOutcome.refused(part.get(i), errors.get(i)));
                }
            }
            return;
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

    private ObjectNode withKey(PendingWrite write) {
        ObjectNode row = write.body().deepCopy();
        row.put(mapping.crm().key(), write.destinationId());
        return row;
    }

    @Override
    Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(write.sourceId(), outcome.destinationId(), write.sourceModifiedOn(),
                outcome.destinationModifiedOn(), null);
    }
}
