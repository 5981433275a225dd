package org.crmsync.workflows.review;

public class FullSyncWorkflowImpl extends ReviewedSync implements FullSyncWorkflow {

    @Override
    public SyncResult run(SyncRequest request) {
        return runReview(request);
    }

    @Override
    boolean fullSync() {
        return true;
    }
}
