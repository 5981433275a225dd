package org.crmsync.starter;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncReview;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.tablesync.TableSyncProgress;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;

/** Follows a sync's review live in the terminal until it finishes, is cancelled or needs attention. */
public final class ReviewWatch {

    private static final long POLL_MILLIS = 300;
    private static final int CLOSED_CHECK_EVERY = 10;
    /** Queries in a row that may go unanswered, at the client's 10 s each, before the watch gives up. */
    private static final int MAX_UNANSWERED = 12;

    private final WorkflowClient client;
    private final PrintStream out;

    public ReviewWatch(WorkflowClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** Follows one run live, then prints its review; returns {@link ReviewTable#report}'s exit code. */
    static int followAndReport(WorkflowClient client, SyncTarget target) throws InterruptedException {
        SyncProgress progress = new ReviewWatch(client, System.out).follow(target.stub(client));
        return ReviewTable.report(System.out, target.describe(), progress);
    }

    /** Shows progress bars until the sync stops running, and returns where it stopped. */
    public SyncProgress follow(SyncReview sync) throws InterruptedException {
        ProgressView view = new ProgressView(out, System.console() != null);
        List<String> retrying = List.of();
        int unanswered = 0;
        for (int polls = 1; ; polls++) {
            SyncProgress progress;
            try {
                progress = sync.progress();
                unanswered = 0;
            } catch (WorkflowServiceException slow) {
                // a worker busy with chunks (or restarting) may leave a query unanswered for a while: keep the
                // last lines up and ask again, up to a few minutes
                if (!TemporalProblem.unansweredInTime(slow) || ++unanswered > MAX_UNANSWERED) {
                    throw slow;
                }
                continue;
            }
            if (polls % CLOSED_CHECK_EVERY == 1) {
                retrying = retryNotes(progress.lines());
            }
            view.show(progress.lines(), liveCounters(progress.lines()), retrying, System.currentTimeMillis());
            if (progress.status() != SyncStatus.PLANNING && progress.status() != SyncStatus.RUNNING) {
                return progress;
            }
            if (polls % CLOSED_CHECK_EVERY == 0) {
                failIfClosed(WorkflowStub.fromTyped(sync));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * A run that failed as a whole (mappings whose dependencies form a cycle) keeps answering queries
     * with its last state, RUNNING or PLANNING; the execution's own status tells.
     */
    private static void failIfClosed(WorkflowStub run) {
        WorkflowExecutionStatus status = run.describe().getStatus();
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            return;
        }
        String reason = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
        try {
            run.getResult(SyncResult.class);
        } catch (WorkflowFailedException failed) {
            reason += ": " + FailureReason.of(failed);
        }
        throw new IllegalStateException(run.getExecution().getWorkflowId() + " ended " + reason);
    }

    /** Why running lines do not move, where a chunk of theirs is being retried ({@link RetryNote}); null elsewhere. */
    private List<String> retryNotes(List<ReviewLine> lines) {
        return askRunningChildren(lines, childId -> RetryNote.of(
                client.newUntypedWorkflowStub(childId).describe().getRawDescription(), System.currentTimeMillis()));
    }

    /** Running lines' counters, asked of their table sync children; null where a line's own are current. */
    private List<JobCounters> liveCounters(List<ReviewLine> lines) {
        return askRunningChildren(lines, childId -> {
            TableSyncProgress progress = client.newWorkflowStub(TableSyncWorkflow.class, childId).progress();
            return progress == null ? null : progress.counters();
        });
    }

    /** Per line, what {@code ask} learns from its running table sync child; null for the other lines. */
    private static <T> List<T> askRunningChildren(List<ReviewLine> lines, Function<String, T> ask) {
        List<T> answers = new ArrayList<>();
        for (ReviewLine line : lines) {
            T answer = null;
            if (line.status() == LineStatus.IN_PROCESS && line.childWorkflowId() != null) {
                try {
                    answer = ask.apply(line.childWorkflowId());
                } catch (RuntimeException notYetStarted) {
                    // the child may not have run its first task yet: the line shows what the review knows
                }
            }
            answers.add(answer);
        }
        return answers;
    }
}
