package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.activities.store.JobState;
import org.crmsync.activities.store.PageCommit;
import org.crmsync.activities.store.RecordError;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;

/**
 * Runs a chunk: page after page from the job's committed cursor, deciding per record (bc-integration.md
 * §6), writing the destination, and committing each page with its cursor in one store transaction.
 */
final class ChunkRunner {

    private final IntegrationStore store;
    private final Clock clock;
    private final int pageSize;
    private final int pagesPerChunk;

    ChunkRunner(IntegrationStore store, Clock clock, int pageSize, int pagesPerChunk) {
        this.store = store;
        this.clock = clock;
        this.pageSize = pageSize;
        this.pagesPerChunk = pagesPerChunk;
    }

    /** @param heartbeat told the committed cursor after each page */
    SyncChunkResult run(SyncChunkRequest request, TablePass pass, Consumer<String> heartbeat) {
        JobState job = store.openJob(request.jobId(), request.direction(), request.profile(), request.mapping(),
                clock.instant());
        for (int pages = 0; pages < pagesPerChunk && !job.done(); pages++) {
            ODataPage page = job.cursor() == null ? pass.firstPage(pageSize) : pass.nextPage(job.cursor(), pageSize);
            PageCommit commit = decide(request, pass, job.pages(), page);
            store.commitPage(request.profile(), request.mapping(), request.direction(), commit, clock.instant());
            // Reread whether or not our commit won: if another attempt committed this page first, go on from there.
            job = store.job(request.jobId(), request.direction());
            heartbeat.accept(job.cursor() == null ? "done after page " + job.pages() : job.cursor());
        }
        return new SyncChunkResult(job.cursor(), job.done(), job.counters());
    }

    private PageCommit decide(SyncChunkRequest request, TablePass pass, int pagesBefore, ODataPage page) {
        List<String> ids = page.rows().stream().map(pass::sourceId).toList();
        Map<String, Coupling> couplings = store.couplings(request.profile(), request.mapping(), ids,
                pass.sourceIsDataverse());
        Counts counts = new Counts();
        List<RecordError> errors = new ArrayList<>();
        List<PendingWrite> writes = new ArrayList<>();
        for (ObjectNode row : page.rows()) {
            String id = pass.sourceId(row);
            String key = pass.sourceKey(row);
            Instant modifiedOn = pass.sourceModifiedOn(row);
            Coupling coupling = couplings.get(id);
            String destination = coupling == null ? null
                    : pass.sourceIsDataverse() ? coupling.bcId() : coupling.crmId();
            Instant stamp = coupling == null ? null
                    : pass.sourceIsDataverse() ? coupling.crmModifiedOn() : coupling.bcModifiedOn();
            if (stamp != null && !modifiedOn.isAfter(stamp)) {
                counts.unchanged++;
                continue;
            }
            PendingWrite.Kind kind = PendingWrite.Kind.MODIFY;
            if (destination == null) {
                destination = pass.match(row);
                kind = PendingWrite.Kind.COUPLE;
            }
            if (destination == null) {
                // Synch. Only Coupled Records is off only in a full sync (bc-integration.md §5).
                if (!pass.insertsUncoupled() || !request.fullSync()) {
                    counts.skipped++;
                    continue;
                }
                destination = RecordIds.destinationId(request.mapping(), id);
                kind = PendingWrite.Kind.INSERT;
            }
            try {
                writes.add(new PendingWrite(id, key, modifiedOn, destination, pass.transform(row), kind));
            } catch (RecordFailure failure) {
                counts.failed++;
                errors.add(new RecordError(key, id, destination, failure.getMessage()));
            }
        }
        List<Coupling> written = new ArrayList<>();
        for (WriteOutcome outcome : pass.write(writes)) {
            PendingWrite write = outcome.write();
            if (outcome.error() != null) {
                counts.failed++;
                errors.add(new RecordError(write.sourceKey(), write.sourceId(), write.destinationId(), outcome.error()));
                continue;
            }
            switch (write.kind()) {
                case INSERT -> counts.inserted++;
                case MODIFY -> counts.modified++;
                case COUPLE -> counts.coupled++;
            }
            written.add(pass.couplingAfter(outcome));
        }
        return new PageCommit(request.jobId(), request.direction().name(), pagesBefore, page.nextLink(), written,
                counts.toCounters(), errors);
    }

    private static final class Counts {
        long inserted;
        long modified;
        long unchanged;
        long skipped;
        long failed;
        long coupled;

        JobCounters toCounters() {
            return new JobCounters(inserted, modified, 0, unchanged, skipped, failed, coupled);
        }
    }
}
