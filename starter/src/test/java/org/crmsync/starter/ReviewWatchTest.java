package org.crmsync.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.crmsync.workflows.review.ResumeRequest;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncReview;
import org.crmsync.workflows.review.SyncStatus;
import org.junit.jupiter.api.Test;

/**
 * Following a sync in the terminal, as `crmsync sync full` and `crmsync status --watch` do, while its queries are
 * answered late. (Temporal's in-process test server never lets a query run out of time, so the sync here answers
 * as a real server does when no worker takes the query up within the client's deadline.)
 */
class ReviewWatchTest {

    /** A sync whose first queries go unanswered in time, then finished. */
    private static final class LateAnswers implements SyncReview {
        private final Status answer;
        private int unanswered;

        LateAnswers(int unanswered, Status answer) {
            this.unanswered = unanswered;
            this.answer = answer;
        }

        @Override
        public SyncProgress progress() {
            if (unanswered-- > 0) {
                throw new WorkflowServiceException(WorkflowExecution.newBuilder().setWorkflowId("full-sync/p").build(),
                        "FullSyncWorkflow", answer.withDescription("CallOptions deadline exceeded").asRuntimeException());
            }
            return new SyncProgress(SyncStatus.FINISHED, List.of(), null);
        }

        @Override
        public SyncProgress resume(ResumeRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void validateResume(ResumeRequest request) {
        }

        @Override
        public void cancel() {
        }
    }

    private final ReviewWatch watch = new ReviewWatch(null, new PrintStream(new ByteArrayOutputStream()));

    @Test
    void queriesLeftUnansweredWhileTheWorkerIsBusyOrRestartsDoNotEndTheWatch() throws InterruptedException {
        assertEquals(SyncStatus.FINISHED, watch.follow(new LateAnswers(3, Status.DEADLINE_EXCEEDED)).status());
    }

    @Test
    void aSyncNoWorkerAnswersForMinutesEndsTheWatchWithTheFailure() {
        WorkflowServiceException failure = assertThrows(WorkflowServiceException.class,
                () -> watch.follow(new LateAnswers(13, Status.DEADLINE_EXCEEDED)));
        assertSame(Status.Code.DEADLINE_EXCEEDED, Status.fromThrowable(failure).getCode());
    }

    @Test
    void anUnreachableServerEndsTheWatchAtOnce() {
        LateAnswers unreachable = new LateAnswers(1, Status.UNAVAILABLE);
        assertThrows(WorkflowServiceException.class, () -> watch.follow(unreachable));
    }
}
