package org.crmsync.workflows.tablesync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.replay.Histories;
import org.crmsync.workflows.sync.ItemAvailabilityRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TableSyncWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(TableSyncWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final List<SyncChunkRequest> chunks = new CopyOnWriteArrayList<>();
    private final List<String> runIds = new CopyOnWriteArrayList<>();

    /** A source of three chunks per direction, each inserting ten records. */
    final class ThreeChunks implements SyncActivities {
        @Override
        public SyncPlan plan(PlanRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobCounters refreshItemAvailability(ItemAvailabilityRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SyncChunkResult syncChunk(SyncChunkRequest request) {
            chunks.add(request);
            runIds.add(Activity.getExecutionContext().getInfo().getRunId());
            long done = chunks.stream().filter(c -> c.direction() == request.direction()).count();
            return new SyncChunkResult("page " + done, done == 3, new JobCounters(10 * done, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    @BeforeEach
    void start(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(new ThreeChunks());
        env.start();
    }

    @Test
    void aBidirectionalMappingRunsBcToCrmThenCrmToBcUntilEachIsDone(WorkflowClient client, WorkflowOptions options) {
        TableSyncWorkflow sync = client.newWorkflowStub(TableSyncWorkflow.class,
                WorkflowOptions.newBuilder(options).setWorkflowId("table-sync/bidirectional").build());
        TableSyncResult result = sync.run(TableSyncRequest.start("p", "CUSTOMER", Direction.BIDIRECTIONAL, "job-1", true, false));

        assertEquals(List.of(Direction.TO_INTEGRATION_TABLE, Direction.TO_INTEGRATION_TABLE,
                Direction.TO_INTEGRATION_TABLE, Direction.FROM_INTEGRATION_TABLE, Direction.FROM_INTEGRATION_TABLE,
                Direction.FROM_INTEGRATION_TABLE), chunks.stream().map(SyncChunkRequest::direction).toList());
        assertEquals(60, result.counters().inserted(), "the last chunk of each pass carries that pass's totals");
        assertEquals(List.of("job-1"), chunks.stream().map(SyncChunkRequest::jobId).distinct().toList());
        Histories.record(client, "table-sync/bidirectional", "table-sync-bidirectional");
    }

    @Test
    void aForcedSmallThresholdContinuesAsNewAndTheLastRunReportsEveryPass(WorkflowClient client,
                                                                          WorkflowOptions options) {
        TableSyncWorkflow sync = client.newWorkflowStub(TableSyncWorkflow.class,
                WorkflowOptions.newBuilder(options).setWorkflowId("table-sync/continue").build());
        TableSyncResult result = sync.run(TableSyncRequest.start("p", "CUSTOMER", Direction.BIDIRECTIONAL, "job-2",
                true, false).withChunksPerRun(2));

        assertEquals(6, chunks.size(), "no chunk is asked for twice or skipped across runs");
        assertEquals(60, result.counters().inserted(), "counters of the pass done before a new run are carried");
        assertEquals(3, runIds.stream().distinct().count(), "two chunks per run over six chunks: three runs");
        Histories.record(client, "table-sync/continue", "table-sync-continued");
    }
}
