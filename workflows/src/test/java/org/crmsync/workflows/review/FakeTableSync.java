package org.crmsync.workflows.review;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.tablesync.TableSyncProgress;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.tablesync.TableSyncResult;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;

/** A table sync that takes a minute of workflow time and fails for the mappings it is told to. */
final class FakeTableSync implements TableSyncWorkflow {

    /** When each mapping ran, in workflow time. */
    record Run(String mapping, String jobId, boolean fullSync, boolean matchFirst, long startedAt, long endedAt) {
    }

    private final List<Run> runs;
    private final Set<String> failing;

    FakeTableSync(List<Run> runs, Set<String> failing) {
        this.runs = runs;
        this.failing = failing;
    }

    static List<Run> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public TableSyncResult run(TableSyncRequest request) {
        long started = Workflow.currentTimeMillis();
        Workflow.sleep(Duration.ofMinutes(1));
        runs.add(new Run(request.mapping(), request.jobId(), request.fullSync(), request.matchFirst(), started,
                Workflow.currentTimeMillis()));
        if (failing.contains(request.mapping())) {
            throw ApplicationFailure.newNonRetryableFailure(request.mapping() + " broke", "Test");
        }
        return new TableSyncResult(request.mapping(), request.jobId(), new JobCounters(5, 0, 0, 0, 0, 0, 0, 0));
    }

    @Override
    public TableSyncProgress progress() {
        return null;
    }
}
