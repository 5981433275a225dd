package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * after the watermark (pass b). While a page is decided, written and committed, the chunk's next page is
 * already being read, so that the source's work overlaps the destination's.
 */
final class ChunkRunner implements AutoCloseable {

    /** A read of the page at {@code link}, begun before the page that links to it was committed. */
    private record PageAhead(String link, Future<ODataPage> page) {
    }

    private final IntegrationStore store;
    private final Clock clock;
    private final int pageSize;
    private final int pagesPerChunk;
    private final ExecutorService readAhead = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "crmsync-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

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
        PageAhead ahead = null;
        try {
            for (int pages = 0; pages < pagesPerChunk && !job.done(); pages++) {
                PageDecision decision = new PageDecision(request, pass, store);
                PageCommit commit;
                if (job.phase() == JobPhase.RETRY) {
                    commit = retryPage(request, pass, job, decision);
                } else {
                    ODataPage page = ahead != null && ahead.link().equals(job.cursor())
                            ? awaited(ahead.page()) : read(pass, job);
                    ahead = page.nextLink() != null && pages + 1 < pagesPerChunk ? readAhead(pass, page.nextLink()) : null;
                    decision.decide(page.rows(), false);
                    commit = decision.commit(job.pages(), JobPhase.SCAN, page.nextLink(), page.nextLink() == null, true);
                }
                store.commitPage(request.profile(), request.mapping(), commit, clock.instant());
                // Reread whether or not our commit won: if another attempt committed this page first, go on from
                // there (and the page read ahead is only used if it is the one that comes next).
                job = store.job(request.jobId(), request.direction());
                heartbeat.accept(job.phase() + " after page " + job.pages() + (job.cursor() == null ? "" : ": " + job.cursor()));
            }
        } finally {
            if (ahead != null) {
                ahead.page().cancel(true);
            }
        }
        return new SyncChunkResult(job.cursor(), job.done(), job.counters());
    }

    private ODataPage read(TablePass pass, JobState job) {
        return job.cursor() == null
                ? pass.source().firstPage(pageSize, job.modifiedAfter())
                : pass.source().nextPage(job.cursor(), pageSize);
    }

    private PageAhead readAhead(TablePass pass, String link) {
        return new PageAhead(link, readAhead.submit(() -> pass.source().nextPage(link, pageSize)));
    }

    /** The page read ahead, or the connector's failure to read it, thrown as if the read had been made here. */
    private static ODataPage awaited(Future<ODataPage> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("reading the next page failed", e.getCause());
        } catch (InterruptedException e) {
            page.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next page", e);
        }
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

    @Override
    public void close() {
        readAhead.shutdownNow();
    }
}
