package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.mapping.UpdateConflict;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.activities.store.JobPhase;
import org.crmsync.activities.store.PageCommit;
import org.crmsync.activities.store.RecordError;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.SyncChunkRequest;

/**
 * What happens to each record of one page (bc-integration.md §6, "per record"): skipped, unchanged,
 * coupled by a match, inserted, modified, uncoupled or failed; and what the page leaves for the store.
 */
final class PageDecision {

    private final SyncChunkRequest request;
    private final TablePass pass;
    private final IntegrationStore store;

    /** Couplings made on this page. */
    private final List<Coupling> newCouplings = new ArrayList<>();
    /** Couplings that were there and are stamped again. */
    private final List<Coupling> couplings = new ArrayList<>();
    private final List<String> uncoupled = new ArrayList<>();
    private final List<String> succeeded = new ArrayList<>();
    private final List<RecordError> errors = new ArrayList<>();
    /** The page's records that failed before: only their failures need clearing when they succeed. */
    private Map<String, FailedRecord> failures = Map.of();
    private Instant maxModifiedOn;
    private long inserted;
    private long modified;
    private long unchanged;
    private long skipped;
    private long failed;
    private long coupled;
    private long uncoupledCount;

    PageDecision(SyncChunkRequest request, TablePass pass, IntegrationStore store) {
        this.request = request;
        this.pass = pass;
        this.store = store;
    }

    /**
     * A source record that will be written.
     *
     * @param current the coupled destination as it is now; null for an insert or a match
     */
    private record Candidate(ObjectNode row, String id, String key, Instant modifiedOn, Coupling coupling,
                             String destination, ObjectNode current, PendingWrite.Kind kind) {

        Candidate withCurrent(ObjectNode now) {
            return new Candidate(row, id, key, modifiedOn, coupling, destination, now, kind);
        }

        Candidate restoring() {
            return new Candidate(row, id, key, modifiedOn, coupling, destination, null, PendingWrite.Kind.RESTORE);
        }
    }

    /**
     * @param retrying the rows failed in an earlier job that chose to write them, so an uncoupled one is
     *                 inserted even outside a full sync: otherwise a failed insert would never be tried again
     */
    void decide(List<ObjectNode> rows, boolean retrying) {
        RecordSide source = pass.source();
        List<String> ids = rows.stream().map(source::id).toList();
        Map<String, Coupling> byId = store.couplings(request.profile(), request.mapping(), ids,
                pass.sourceIsDataverse());
        failures = store.failures(request.profile(), request.mapping(), request.direction(), ids);
        List<Candidate> candidates = new ArrayList<>();
        List<Candidate> coupledChanges = new ArrayList<>();
        pass.prepareMatching(rows.stream().filter(row -> !byId.containsKey(source.id(row))).toList(),
                request.matchFirst() || request.matchOnly());
        for (ObjectNode row : rows) {
            String id = source.id(row);
            Instant modifiedOn = source.modifiedOn(row);
            saw(modifiedOn);
            FailedRecord failure = failures.get(id);
            if (failure != null && failure.skipped()) {
                skipped++;
                continue;
            }
            if (failure != null && failure.jobId().equals(request.jobId())) {
                continue; // retried earlier in this job (pass a); once is enough
            }
            Coupling coupling = byId.get(id);
            if (coupling != null) {
                // Changed since the last synchronization, or its last one failed (§6, per record, step 2).
                if (failure == null && !pass.sourceChanged(row, coupling)) {
                    unchanged++;
                    continue;
                }
                String destination = pass.sourceIsDataverse() ? coupling.bcId() : coupling.crmId();
                coupledChanges.add(new Candidate(row, id, pass.sourceKey(row), modifiedOn, coupling, destination, null,
                        PendingWrite.Kind.MODIFY));
                continue;
            }
            String match = pass.match(row);
            Refusal refusal = refusal(row, match);
            if (refusal != null) {
                fail(pass.sourceKey(row), id, refusal.destination(), refusal.message());
            } else if (match != null) {
                candidates.add(new Candidate(row, id, pass.sourceKey(row), modifiedOn, null, match, null,
                        PendingWrite.Kind.COUPLE));
            } else if (pass.insertsUncoupled() && !request.matchOnly()
                    && (request.fullSync() || retrying || !pass.mapping().synchOnlyCoupledRecords())) {
                // Synch. Only Coupled Records leaves new records to a full sync, which turns it off (§5).
                candidates.add(new Candidate(row, id, pass.sourceKey(row), modifiedOn, null,
                        pass.newDestinationId(id), null, PendingWrite.Kind.INSERT));
            } else {
                skipped++;
            }
        }
        candidates.addAll(withDestinations(coupledChanges));
        write(candidates);
    }

    /** Why an uncoupled record may be neither coupled nor inserted: the destination row, if one, and the reason. */
    private record Refusal(String destination, String message) {
    }

    /** The refusal for an uncoupled record and its match (null: none), or null when it may go on (§7). */
    private Refusal refusal(ObjectNode row, String match) {
        if (match != null) {
            return !pass.outsideFilter(match) ? null : new Refusal(match, "its match fields agree with "
                    + pass.destination().describe() + " " + match + ", which the " + request.mapping() + " mapping's "
                    + "filter leaves out (blocked, inactive or of another type): coupling it would sync what the "
                    + "mapping excludes, inserting it would make a duplicate. Change one of the two records, or the "
                    + "mapping's filter");
        }
        List<String> rivals = pass.rivals(row);
        if (!rivals.isEmpty()) {
            return new Refusal(null, "its match fields agree with " + rivals.size() + " "
                    + pass.destination().describe() + " records (" + String.join(", ", rivals) + "): coupling one "
                    + "would be a guess, inserting would add another. Make them unique, or couple it by hand");
        }
        String contested = pass.contested(row);
        return contested == null ? null : new Refusal(contested, "its match fields agree with "
                + pass.destination().describe() + " " + contested + ", as those of another "
                + pass.source().describe() + " record do: coupling either would be a guess. Make them unique, or "
                + "couple it by hand");
    }

    /** Coupled records whose destination still exists; the others are deletion conflicts (§6, step 8). */
    private List<Candidate> withDestinations(List<Candidate> coupledChanges) {
        if (coupledChanges.isEmpty()) {
            return coupledChanges;
        }
        Map<String, ObjectNode> existing = pass.destination().current(coupledChanges.stream()
                .map(Candidate::destination).toList());
        List<Candidate> writable = new ArrayList<>();
        TableMapping mapping = pass.mapping();
        for (Candidate candidate : coupledChanges) {
            ObjectNode current = existing.get(candidate.destination());
            if (current != null) {
                writable.add(candidate.withCurrent(current));
                continue;
            }
            switch (mapping.deletionConflict()) {
                case NONE -> fail(candidate.key(), candidate.id(), candidate.destination(), "the "
                        + pass.destination().describe() + " " + candidate.destination() + " it is coupled to was "
                        + "deleted: restore it, remove the coupling, or set Deletion-Conflict Resolution on the "
                        + mapping.name() + " mapping");
                case REMOVE_COUPLING -> {
                    uncoupled.add(candidate.coupling().bcId());
                    if (failures.containsKey(candidate.id())) {
                        succeeded.add(candidate.id());
                    }
                    uncoupledCount++;
                }
                case RESTORE_RECORDS -> writable.add(candidate.restoring());
            }
        }
        return writable;
    }

    private void write(List<Candidate> candidates) {
        pass.beforePage(candidates.stream().map(Candidate::row).toList());
        pass.beforeInserts(candidates.stream().filter(candidate -> candidate.kind().creates()).map(Candidate::row)
                .toList());
        List<PendingWrite> writes = new ArrayList<>();
        for (Candidate candidate : candidates) {
            ObjectNode body;
            try {
                body = candidate.kind().creates() ? pass.transformForInsert(candidate.row())
                        : pass.transform(candidate.row());
            } catch (RecordFailure failure) {
                fail(candidate.key(), candidate.id(), candidate.destination(), failure.getMessage());
                continue;
            }
            if (candidate.current() != null && !resolvesConflict(candidate, body)) {
                continue;
            }
            String etag = candidate.current() == null ? null : candidate.current().path("@odata.etag").asText(null);
            writes.add(new PendingWrite(candidate.id(), candidate.key(), candidate.modifiedOn(),
                    pass.source().version(candidate.row()), candidate.destination(), etag, body, candidate.kind()));
        }
        for (WriteOutcome outcome : pass.write(writes)) {
            PendingWrite write = outcome.write();
            if (outcome.error() != null) {
                fail(write.sourceKey(), write.sourceId(), write.destinationId(), outcome.error());
                continue;
            }
            switch (write.kind()) {
                case INSERT, RESTORE -> inserted++;
                case MODIFY -> modified++;
                case COUPLE -> coupled++;
            }
            boolean isNew = (write.kind() == PendingWrite.Kind.INSERT || write.kind() == PendingWrite.Kind.COUPLE)
                    && !outcome.coupled();
            (isNew ? newCouplings : couplings).add(pass.couplingAfter(outcome));
            if (failures.containsKey(write.sourceId())) {
                succeeded.add(write.sourceId());
            }
        }
    }

    /**
     * Whether a coupled record is written, given that the destination may have changed too (§6, per record,
     * step 4): a conflict is both sides changed and a bidirectional field differs. The mapping's Update-Conflict
     * Resolution picks a side; with none the record fails naming the fields, and the side that loses leaves it.
     */
    private boolean resolvesConflict(Candidate candidate, ObjectNode body) {
        TableMapping mapping = pass.mapping();
        if (mapping.direction() != Direction.BIDIRECTIONAL || !pass.destinationChanged(candidate.current(),
                candidate.coupling())) {
            return true;
        }
        List<String> differ = pass.differences(body, candidate.current());
        if (differ.isEmpty()) {
            return true;
        }
        UpdateConflict wins = request.direction() == Direction.TO_INTEGRATION_TABLE
                ? UpdateConflict.SEND_UPDATE_TO_INTEGRATION : UpdateConflict.GET_UPDATE_FROM_INTEGRATION;
        if (mapping.updateConflict() == wins) {
            return true;
        }
        if (mapping.updateConflict() == UpdateConflict.NONE) {
            fail(candidate.key(), candidate.id(), candidate.destination(), "changed in both Business Central and "
                    + "Dataverse since the last synchronization, and these bidirectional fields differ: "
                    + String.join(", ", differ) + ". Make the two sides agree, or set Update-Conflict Resolution on the "
                    + mapping.name() + " mapping");
        } else {
            skipped++; // the other side wins; its pass writes the record
        }
        return false;
    }

    /** A record that was retried but is no longer in the source: nothing is left to retry. */
    void forget(String sourceId) {
        succeeded.add(sourceId);
    }

    private void fail(String key, String sourceId, String destinationId, String message) {
        failed++;
        errors.add(new RecordError(key, sourceId, destinationId, message));
    }

    private void saw(Instant modifiedOn) {
        if (maxModifiedOn == null || modifiedOn.isAfter(maxModifiedOn)) {
            maxModifiedOn = modifiedOn;
        }
    }

    /**
     * @param movesWatermark whether the page counts towards the mapping's watermark: not for records
     *                       synchronized by hand, which would carry it past changes not read yet
     */
    PageCommit commit(int pagesBefore, JobPhase phase, String nextCursor, boolean done, boolean movesWatermark) {
        JobCounters counters = new JobCounters(inserted, modified, 0, unchanged, skipped, failed, coupled,
                uncoupledCount);
        return new PageCommit(request.jobId(), request.direction(), pagesBefore, phase, nextCursor, done,
                newCouplings, couplings, uncoupled, succeeded, counters, errors, movesWatermark ? maxModifiedOn : null);
    }
}
