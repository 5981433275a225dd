package org.crmsync.workflows.tablesync;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Synchronizes one integration table mapping: loops over chunks until the source is exhausted, in
 * both directions for a bidirectional mapping. Runs as a child of the full sync, id
 * {@code full-sync/<profile>/<MAPPING>}.
 */
@WorkflowInterface
public interface TableSyncWorkflow {

    @WorkflowMethod
    TableSyncResult run(TableSyncRequest request);

    @QueryMethod
    TableSyncProgress progress();
}
