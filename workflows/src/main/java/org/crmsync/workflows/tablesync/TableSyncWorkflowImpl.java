package org.crmsync.workflows.tablesync;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;
import org.crmsync.workflows.sync.SyncRetries;

public class TableSyncWorkflowImpl implements TableSyncWorkflow {

    /**
     * A chunk heartbeats after every page; a worker that dies is noticed within the heartbeat timeout
     * and the retry continues from the last committed page. Authentication and configuration problems
     * need a person, so they are not retried. Throttling, 5xx and dropped connections are retried as long
     * as two hours allow, not a number of times: each attempt keeps the pages it committed, and under a
     * storm a fixed count ran out on busy chunks (the chaos suite's 429 and 5xx trials).
     */
    private final SyncActivities activities = Workflow.newActivityStub(SyncActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    .setScheduleToCloseTimeout(Duration.ofHours(2))
                    .setHeartbeatTimeout(Duration.ofSeconds(60))
                    .setRetryOptions(SyncRetries.options().toBuilder().setMaximumAttempts(0).build())
                    .build());

    private TableSyncProgress progress;

    @Override
    public TableSyncResult run(TableSyncRequest request) {
        List<Direction> passes = request.direction().passes();
        JobCounters earlier = request.earlierPasses();
        long chunks = 0;
        for (int pass = request.fromPass(); pass < passes.size(); pass++) {
            Direction direction = passes.get(pass);
            progress = new TableSyncProgress(request.mapping(), direction, chunks, earlier, false);
            SyncChunkResult chunk;
            do {
                chunk = activities.syncChunk(new SyncChunkRequest(
                        request.profile(), request.mapping(), direction, request.jobId(), request.fullSync(),
                        request.matchFirst(), request.matchOnly()));
                chunks++;
                progress = new TableSyncProgress(request.mapping(), direction, chunks,
                        earlier.plus(chunk.counters()), false);
                if (!chunk.done() && (Workflow.getInfo().isContinueAsNewSuggested()
                        || chunks == request.chunksPerRun())) {
                    // The store holds the committed cursor, so the next run picks up exactly here.
                    Workflow.continueAsNew(request.continueAt(pass, earlier));
                }
            } while (!chunk.done());
            earlier = earlier.plus(chunk.counters());
        }
        progress = new TableSyncProgress(request.mapping(), passes.get(passes.size() - 1), chunks, earlier, true);
        return new TableSyncResult(request.mapping(), request.jobId(), earlier);
    }

    @Override
    public TableSyncProgress progress() {
        return progress;
    }
}
