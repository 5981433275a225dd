package org.crmsync.starter;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.concurrent.Callable;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crmsync sync full}: starts {@code full-sync/<profile>} and follows it. While one runs (or waits
 * for attention) a second is refused and the running one is followed instead; a finished one may be run
 * again, as a new run with new jobs.
 */
@Command(name = "full", mixinStandardHelpOptions = true,
        description = "Starts a full synchronization of a profile and follows it live.")
public class FullSyncCommand implements Callable<Integer> {

    @Mixin
    ProfileOption profile;

    @Option(names = "--parallel", defaultValue = "" + SyncRequest.DEFAULT_PARALLELISM,
            description = "mappings that may run at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--detach", description = "start it and return; follow it with crmsync status --watch")
    boolean detach;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() throws InterruptedException {
        try (TemporalSession session = temporal.connect()) {
            WorkflowClient client = session.client();
            FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.fullSync(profile.name()))
                    .setTaskQueue(WorkflowIds.TASK_QUEUE)
                    .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                    .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                    .setStaticSummary("Full sync of profile " + profile.name())
                    .setTypedSearchAttributes(SearchAttributes.newBuilder()
                            .set(CrmSyncSearchAttributes.PROFILE, profile.name()).build())
                    .build());
            WorkflowExecution run;
            try {
                run = WorkflowClient.start(sync::run, new SyncRequest(profile.name(), Math.max(1, parallel)));
                System.out.println("Started full sync " + run.getWorkflowId() + " (run " + run.getRunId() + ") on "
                        + session.address());
            } catch (WorkflowExecutionAlreadyStarted running) {
                run = running.getExecution();
                System.out.println("A full sync of " + profile.name() + " is open already (run " + run.getRunId()
                        + "): not starting another. " + (detach ? "" : "Following it.")
                        + " If it waits for attention: crmsync sync resume | cancel");
            }
            return detach ? 0 : ReviewWatch.followAndReport(client, new SyncTarget(run.getWorkflowId(), run.getRunId(), false));
        }
    }
}
