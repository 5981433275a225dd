package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.activities.store.JobPhase;
import org.crmsync.activities.store.JobState;
import org.crmsync.activities.store.PageCommit;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;

/**
 * Runs a chunk: page after page from the job's committed position, deciding per record (bc-integration.md
 * §6), writing the destination, and committing each page with its position in one store transaction. An
 * incremental job first retries the records earlier jobs failed (pass a), then reads the records changed
 * after the watermark (pass b).
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

    /** @param heartbeat told the committed position after each page */
    SyncChunkResult run(SyncChunkRequest request, TablePass pass, Consumer<String> heartbeat) {
        JobState job = store.openJob(request.jobId(), request.direction(), request.profile(), request.mapping(),
                request.fullSync(), clock.instant());
        for (int pages = 0; pages < pagesPerChunk && !job.done(); pages++) {
            PageDecision decision = new PageDecision(request, pass, store);
            PageCommit commit = job.phase() == JobPhase.RETRY
                    ? retryPage(request, pass, job, decision)
                    : scanPage(pass, job, decision);
            store.commitPage(request.profile(), request.mapping(), commit, clock.instant());
            // Reread whether or not our commit won: if another attempt committed this page first, go on from there.
            job = store.job(request.jobId(), request.direction());
            heartbeat.accept(job.phase() + " after page " + job.pages() + (job.cursor() == null ? "" : ": " + job.cursor()));
        }
        return new SyncChunkResult(job.cursor(), job.done(), job.counters());
    }

    /** Failed records read again by id; one that left the source (deleted, or now outside the filter) is forgotten. */
    private PageCommit retryPage(SyncChunkRequest request, TablePass pass, JobState job, PageDecision decision) {
        List<FailedRecord> failed = store.failuresToRetry(request.profile(), request.mapping(), request.direction(),
                request.jobId(), job.cursor(), pageSize);
        List<ObjectNode> rows = pass.source().read(failed.stream().map(FailedRecord::sourceId).toList());
        decision.decide(rows, true);
        Set<String> found = new HashSet<>();
        rows.forEach(row -> found.add(pass.source().id(row)));
        failed.stream().map(FailedRecord::sourceId).filter(id -> !found.contains(id)).forEach(decision::forget);
        boolean last = failed.size() < pageSize;
        return decision.commit(job.pages(), last ? JobPhase.SCAN : JobPhase.RETRY,
                last ? null : failed.get(failed.size() - 1).sourceId(), false, true);
    }

    private PageCommit scanPage(TablePass pass, JobState job, PageDecision decision) {
        ODataPage page = job.cursor() == null
                ? pass.source().firstPage(pageSize, job.modifiedAfter())
                : pass.source().nextPage(job.cursor(), pageSize);
        decision.decide(page.rows(), false);
        return decision.commit(job.pages(), JobPhase.SCAN, page.nextLink(), page.nextLink() == null, true);
    }

    /**
     * Synchronizes the given source records now, in one job of their own, coupled or not (BC's Synchronize
     * Now: Synch. Only Coupled Records does not apply). The mapping's watermark stays where it is.
     */
    JobCounters runRecords(SyncChunkRequest request, TablePass pass, List<String> sourceIds) {
        JobState job = store.openJob(request.jobId(), request.direction(), request.profile(), request.mapping(),
                true, clock.instant());
        if (!job.done()) {
            PageDecision decision = new PageDecision(request, pass, store);
            List<ObjectNode> rows = pass.source().readWithinMapping(sourceIds);
            decision.decide(rows, false);
            store.commitPage(request.profile(), request.mapping(),
                    decision.commit(job.pages(), JobPhase.SCAN, null, true, false), clock.instant());
        }
        return store.job(request.jobId(), request.direction()).counters();
    }
}
