package org.crmsync.workflows.review;

public class IncrementalSyncWorkflowImpl extends ReviewedSync implements IncrementalSyncWorkflow {

    @Override
    public SyncResult run(SyncRequest request) {
        return runReview(request);
    }

    @Override
    boolean fullSync() {
        return false;
    }
}
