package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * after the watermark (pass b). The work of consecutive pages overlaps: while a page is decided and written,
 * the next one is already being read and the one before is still being committed.
 */
final class ChunkRunner implements AutoCloseable {

    /** A read of the page at {@code link}, begun before the page that links to it was committed. */
    private record PageAhead(String link, Future<ODataPage> page) {
    }

    /**
     * A page's commit under way while the next page is decided.
     *
     * @param sourceIds the page's records: a page that holds one of them waits for the commit before deciding
     * @param expected  the job as the commit leaves it, where the next page starts
     */
    private record CommitInFlight(Set<String> sourceIds, JobState expected, Future<?> committed) {
    }

    private final IntegrationStore store;
    private final Clock clock;
    private final int pageSize;
    private final int pagesPerChunk;
    /** Reads ahead and commits behind the page being decided. */
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "crmsync-chunk-background");
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
        // Matching looks for destination rows that no coupling holds, so it must see the previous page's couplings.
        boolean overlapsCommits = !pass.matches(request.matchFirst() || request.matchOnly());
        PageAhead ahead = null;
        CommitInFlight inFlight = null;
        try {
            for (int pages = 0; pages < pagesPerChunk && !job.done(); pages++) {
                if (job.phase() == JobPhase.RETRY) {
                    PageCommit commit = retryPage(request, pass, job, new PageDecision(request, pass, store));
                    store.commitPage(request.profile(), request.mapping(), commit, clock.instant());
                    job = reread(request, heartbeat);
                    continue;
                }
                ODataPage page = ahead != null && ahead.link().equals(job.cursor())
                        ? Futures.join(ahead.page()) : read(pass, job);
                ahead = page.nextLink() != null && pages + 1 < pagesPerChunk ? readAhead(pass, page.nextLink()) : null;
                Set<String> ids = new HashSet<>();
                page.rows().forEach(row -> ids.add(pass.source().id(row)));
                // Decided while the page before is committed, unless the page needs what that commit stores.
                boolean decideNow = inFlight == null
                        || overlapsCommits && Collections.disjoint(ids, inFlight.sourceIds());
                PageDecision decision = decideNow ? decided(request, pass, page) : null;
                if (inFlight != null) {
                    JobState landed = landed(inFlight, request, heartbeat);
                    inFlight = null;
                    if (!samePosition(landed, job)) {
                        // Another attempt committed further meanwhile: go on from there. A page decided meanwhile
                        // wrote upserts of the same rows as that attempt.
                        job = landed;
                        continue;
                    }
                }
                PageCommit commit = (decision != null ? decision : decided(request, pass, page)).commit(job.pages(),
                        JobPhase.SCAN, page.nextLink(), page.nextLink() == null, true);
                inFlight = commitInBackground(request, commit, ids, job);
                job = inFlight.expected();
            }
            if (inFlight != null) {
                job = landed(inFlight, request, heartbeat);
                inFlight = null;
            }
        } finally {
            if (ahead != null) {
                ahead.page().cancel(true);
            }
            if (inFlight != null) {
                // Failing: let the commit end first, so that no page lands behind the next attempt's back.
                Futures.awaitEnd(inFlight.committed());
            }
        }
        return new SyncChunkResult(job.cursor(), job.done(), job.counters());
    }

    private PageDecision decided(SyncChunkRequest request, TablePass pass, ODataPage page) {
        PageDecision decision = new PageDecision(request, pass, store);
        decision.decide(page.rows(), false);
        return decision;
    }

    private CommitInFlight commitInBackground(SyncChunkRequest request, PageCommit commit, Set<String> ids,
                                              JobState before) {
        JobState expected = new JobState(commit.phase(), commit.nextCursor(), commit.pagesBefore() + 1, commit.done(),
                before.modifiedAfter(), before.counters());
        return new CommitInFlight(ids, expected, background.submit(
                () -> store.commitPage(request.profile(), request.mapping(), commit, clock.instant())));
    }

    /**
     * The job once the commit in flight has ended. Whether or not it won, the job is read again: if another
     * attempt committed the page first, this one goes on from where that left it.
     */
    private JobState landed(CommitInFlight inFlight, SyncChunkRequest request, Consumer<String> heartbeat) {
        Futures.join(inFlight.committed());
        return reread(request, heartbeat);
    }

    private JobState reread(SyncChunkRequest request, Consumer<String> heartbeat) {
        JobState job = store.job(request.jobId(), request.direction());
        heartbeat.accept(job.phase() + " after page " + job.pages() + (job.cursor() == null ? "" : ": " + job.cursor()));
        return job;
    }

    private static boolean samePosition(JobState landed, JobState expected) {
        return landed.pages() == expected.pages() && landed.phase() == expected.phase()
                && Objects.equals(landed.cursor(), expected.cursor());
    }

    private ODataPage read(TablePass pass, JobState job) {
        return job.cursor() == null
                ? pass.source().firstPage(pageSize, job.modifiedAfter())
                : pass.source().nextPage(job.cursor(), pageSize);
    }

    private PageAhead readAhead(TablePass pass, String link) {
        return new PageAhead(link, background.submit(() -> pass.source().nextPage(link, pageSize)));
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
        background.shutdownNow();
    }
}
