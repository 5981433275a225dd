package org.crmsync.starter;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.Callable;
import org.crmsync.workflows.fullsync.FullSyncProgress;
import org.crmsync.workflows.fullsync.FullSyncWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crmsync status}: the full synch. review of a profile, asked of the running workflow. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the full synch. review of a profile's latest full sync.")
public class StatusCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "default", description = "connection profile (default: ${DEFAULT-VALUE})")
    String profile;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        String address = temporal.address() == null ? "127.0.0.1:7233" : temporal.address();
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(service);
            FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class, WorkflowIds.fullSync(profile));
            FullSyncProgress progress = sync.progress();
            System.out.println("Full sync of " + profile + ": " + progress.status());
            System.out.print(ReviewTable.render(progress.lines()));
            return 0;
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            System.err.println("no full sync of profile " + profile + " on " + address + " (no workflow "
                    + WorkflowIds.fullSync(profile) + ")");
            return 2;
        } finally {
            service.shutdown();
        }
    }
}
