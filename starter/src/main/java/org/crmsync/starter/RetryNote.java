package org.crmsync.starter;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;

/**
 * Why a running line does not move: its table sync's chunk failed and Temporal is trying it again, for a
 * throttled or unreachable service. A progress bar alone would look stuck; the run's pending activity tells.
 */
final class RetryNote {

    private RetryNote() {
    }

    /** The note for one table sync run, or null when none of its activities is being retried. */
    static String of(DescribeWorkflowExecutionResponse run, long nowMillis) {
        for (PendingActivityInfo activity : run.getPendingActivitiesList()) {
            if (activity.getAttempt() > 1 && activity.hasLastFailure()) {
                StringBuilder note = new StringBuilder("retrying, attempt ").append(activity.getAttempt());
                if (activity.hasNextAttemptScheduleTime()) {
                    long seconds = Math.max(0, (Timestamps.toMillis(activity.getNextAttemptScheduleTime()) - nowMillis)
                            / 1000);
                    note.append(", next in ").append(seconds < 120 ? seconds + " s" : seconds / 60 + " min");
                }
                return note.append(": ").append(activity.getLastFailure().getMessage()).toString();
            }
        }
        return null;
    }
}
