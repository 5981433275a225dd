package org.crmsync.starter;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Comparator;
import java.util.Optional;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.IncrementalSyncWorkflow;
import org.crmsync.workflows.review.SyncReview;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/**
 * One run of a profile's full or incremental sync, by workflow and run id: status, resume and cancel
 * speak to exactly this run, never to whichever run holds the id by the time they arrive.
 */
record SyncTarget(String workflowId, String runId, boolean incremental) {

    /** The latest full sync of the profile, or its latest incremental run; null when there is none. */
    static SyncTarget latest(WorkflowClient client, String profile, boolean incremental) {
        if (!incremental) {
            try {
                String runId = client.newUntypedWorkflowStub(WorkflowIds.fullSync(profile)).describe()
                        .getExecution().getRunId();
                return new SyncTarget(WorkflowIds.fullSync(profile), runId, false);
            } catch (WorkflowNotFoundException e) {
                return null;
            }
        }
        String query = "WorkflowType = 'IncrementalSyncWorkflow' AND " + CrmSyncSearchAttributes.PROFILE.getName()
                + " = '" + profile.replace("'", "''") + "'";
        return client.listExecutions(query)
                .max(Comparator.comparing(WorkflowExecutionMetadata::getStartTime))
                .map(run -> new SyncTarget(run.getExecution().getWorkflowId(), run.getExecution().getRunId(), true))
                .orElse(null);
    }

    SyncReview stub(WorkflowClient client) {
        return incremental
                ? client.newWorkflowStub(IncrementalSyncWorkflow.class, workflowId, Optional.of(runId))
                : client.newWorkflowStub(FullSyncWorkflow.class, workflowId, Optional.of(runId));
    }

    String describe() {
        return (incremental ? "incremental sync " : "full sync ") + workflowId + " (run " + runId + ")";
    }
}
