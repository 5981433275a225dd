package org.crmsync.workflows.records;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One coupling tool of bc-integration.md §7 run for a user of the command line, so that it goes through
 * the worker that holds the credentials and the store, and shows in the Temporal UI: list or retry the
 * failed records, couple or uncouple a pair. Id {@code records/<profile>/<action>/<uuid>}.
 */
@WorkflowInterface
public interface RecordToolsWorkflow {

    @WorkflowMethod
    RecordToolsResult run(RecordToolsRequest request);
}
