package org.crmsync.workflows.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.replay.Histories;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.CouplingActivities;
import org.crmsync.workflows.sync.FailuresRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.RecordFailureView;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.crmsync.workflows.sync.SynchronizeRequest;
import org.crmsync.workflows.sync.UncoupleRequest;
import org.crmsync.workflows.visibility.TestExtensions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordToolsWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestExtensions.withSearchAttributes()
            .registerWorkflowImplementationTypes(RecordToolsWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final List<RecordFailureView> failing = new CopyOnWriteArrayList<>();
    private final List<SynchronizeRequest> synchronizations = new CopyOnWriteArrayList<>();

    /**
     * 250 customers fail to Dataverse, one contact fails from it; synchronizing a record makes it succeed
     * unless its key is on the list of those whose cause is not fixed yet.
     */
    final class FakeStore implements CouplingActivities {
        @Override
        public JobCounters synchronize(SynchronizeRequest request) {
            synchronizations.add(request);
            List<RecordFailureView> stillFailing = new ArrayList<>();
            for (RecordFailureView failure : failing) {
                if (request.sourceIds().contains(failure.sourceId()) && !failure.sourceKey().equals("C00007")) {
                    continue;
                }
                stillFailing.add(failure);
            }
            long fixed = failing.size() - stillFailing.size();
            failing.retainAll(stillFailing);
            return new JobCounters(0, fixed, 0, 0, 0, request.sourceIds().size() - fixed, 0, 0);
        }

        @Override
        public List<RecordFailureView> failures(FailuresRequest request) {
            return List.copyOf(failing);
        }

        @Override
        public int retrySkipped(RetrySkippedRequest request) {
            return 2;
        }

        @Override
        public JobCounters couple(CoupleRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int uncouple(UncoupleRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void start(TestWorkflowEnvironment env, Worker worker) {
        IntStream.range(0, 250).forEach(i -> failing.add(new RecordFailureView("CUSTOMER", Direction.TO_INTEGRATION_TABLE,
                String.format("C%05d", i), "bc-" + i, null, "Currency Code XYZ must be coupled", i < 2)));
        failing.add(new RecordFailureView("CONTACT", Direction.FROM_INTEGRATION_TABLE, "ann@example.com", "crm-1", "bc-c1",
                "the BC contact was changed meanwhile", false));
        worker.registerActivitiesImplementations(new FakeStore());
        env.start();
    }

    @Test
    void retryReleasesSkippedRecordsSynchronizesEachMappingAndSideInSlicesAndListsWhatStillFails(
            WorkflowClient client, WorkflowOptions options) {
        RecordToolsWorkflow tool = client.newWorkflowStub(RecordToolsWorkflow.class,
                WorkflowOptions.newBuilder(options).setWorkflowId("records/test/retry-failures/1").build());
        RecordToolsResult result = tool.run(RecordToolsRequest.retryFailures("test", null));

        assertEquals(2, result.released());
        assertEquals(List.of("CUSTOMER|TO_INTEGRATION_TABLE|200", "CUSTOMER|TO_INTEGRATION_TABLE|50",
                        "CONTACT|FROM_INTEGRATION_TABLE|1"),
                synchronizations.stream().map(r -> r.mapping() + "|" + r.direction() + "|" + r.sourceIds().size()).toList());
        assertEquals(synchronizations.get(0).jobId(), synchronizations.get(1).jobId(), "one mapping and side is one job");
        assertNotEquals(synchronizations.get(0).jobId(), synchronizations.get(2).jobId());
        assertEquals(List.of("C00007"), result.failures().stream().map(RecordFailureView::sourceKey).toList());
        assertEquals(250, result.counters().modified());
        Histories.record(client, "records/test/retry-failures/1", "record-tools-retry");
    }
}
