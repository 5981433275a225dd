package org.crmsync.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;

/** A line whose chunk Temporal is retrying says so, with the service's answer, instead of looking stuck. */
class RetryNoteTest {

    private static final String ANSWER = "Dataverse answered 503 to POST /api/data/v9.2/accounts/Microsoft.Dynamics.CRM"
            + ".UpsertMultiple: Service Unavailable";

    @WorkflowInterface
    public interface OneChunk {
        @WorkflowMethod
        void run();
    }

    @ActivityInterface
    public interface Chunk {
        void sync();
    }

    public static class OneChunkImpl implements OneChunk {
        private final Chunk chunk = Workflow.newActivityStub(Chunk.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMinutes(5)).build())
                .build());

        @Override
        public void run() {
            chunk.sync();
        }
    }

    @Test
    void aChunkThatFailedAndWaitsForItsNextAttemptIsShownWithTheServicesAnswer() throws InterruptedException {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("retry-note");
            worker.registerWorkflowImplementationTypes(OneChunkImpl.class);
            worker.registerActivitiesImplementations((Chunk) () -> {
                throw ApplicationFailure.newFailure(ANSWER, "TransientFailure");
            });
            env.start();
            WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(OneChunk.class, WorkflowOptions.newBuilder()
                    .setWorkflowId("sync/demo/CUSTOMER/job").setTaskQueue("retry-note").build())::run);

            String note = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (note == null) {
                assertTrue(Instant.now().isBefore(deadline), "the chunk was never retried");
                DescribeWorkflowExecutionResponse run = env.getWorkflowClient()
                        .newUntypedWorkflowStub("sync/demo/CUSTOMER/job").describe().getRawDescription();
                note = RetryNote.of(run, env.currentTimeMillis());
                Thread.sleep(50);
            }

            // the test server leaves out when the next attempt is due; a real one gives it (below)
            assertTrue(note.startsWith("retrying, attempt 2") && note.endsWith(": " + ANSWER), note);
            ReviewLine customers = new ReviewLine("CUSTOMER", Direction.TO_INTEGRATION_TABLE, List.of(),
                    Recommendation.FULL_SYNCHRONIZATION, 100, LineStatus.IN_PROCESS, "job", 1,
                    "sync/demo/CUSTOMER/job", JobCounters.ZERO, null, 1, 0);
            String line = ReviewTable.progressLines(List.of(customers), Collections.singletonList(null),
                    List.of(note)).get(0);
            assertTrue(line.endsWith("  ! " + note), line);
        }
    }

    @Test
    void theWaitForTheNextAttemptIsCountedDown() {
        PendingActivityInfo waiting = PendingActivityInfo.newBuilder().setAttempt(4)
                .setLastFailure(Failure.newBuilder().setMessage("Dataverse answered 429"))
                .setNextAttemptScheduleTime(Timestamps.fromMillis(100_000)).build();
        DescribeWorkflowExecutionResponse run = DescribeWorkflowExecutionResponse.newBuilder()
                .addPendingActivities(waiting).build();

        assertEquals("retrying, attempt 4, next in 12 s: Dataverse answered 429", RetryNote.of(run, 88_000));
        assertEquals("retrying, attempt 4, next in 3 min: Dataverse answered 429", RetryNote.of(run, -100_000));
        assertNull(RetryNote.of(DescribeWorkflowExecutionResponse.newBuilder().addPendingActivities(
                PendingActivityInfo.newBuilder().setAttempt(1)).build(), 0), "a first attempt at work is no retry");
    }
}
