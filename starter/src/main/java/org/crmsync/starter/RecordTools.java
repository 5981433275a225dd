package org.crmsync.starter;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import org.crmsync.workflows.records.RecordToolsRequest;
import org.crmsync.workflows.records.RecordToolsResult;
import org.crmsync.workflows.records.RecordToolsWorkflow;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/** Runs a coupling tool as a workflow of its own on the worker, and waits for what it did. */
final class RecordTools {

    /** A tool that could not do what was asked, with the reason from the worker. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private RecordTools() {
    }

    static RecordToolsResult run(TemporalSession session, RecordToolsRequest request) throws Refused {
        RecordToolsWorkflow tool = session.client().newWorkflowStub(RecordToolsWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.recordTools(request.profile(), request.action()))
                        .setTaskQueue(WorkflowIds.TASK_QUEUE)
                        .setStaticSummary(request.action().slug() + (request.mapping() == null ? ""
                                : " " + request.mapping()) + " · " + request.profile())
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(CrmSyncSearchAttributes.PROFILE, request.profile()).build())
                        .build());
        WorkflowClient.start(tool::run, request);
        try {
            return WorkflowStub.fromTyped(tool).getResult(RecordToolsResult.class);
        } catch (WorkflowFailedException failed) {
            Throwable cause = failed.getCause();
            while (cause != null && !(cause instanceof ApplicationFailure)) {
                cause = cause.getCause();
            }
            throw new Refused(cause instanceof ApplicationFailure app ? app.getOriginalMessage() : failed.getMessage());
        }
    }
}
