package org.crmsync.starter;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.records.RecordToolsRequest;
import org.crmsync.workflows.records.RecordToolsResult;
import org.crmsync.workflows.records.RecordToolsWorkflow;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/** Runs a coupling tool as a workflow of its own on the worker, and waits for what it did. */
final class RecordTools {

    private RecordTools() {
    }

    /**
     * Runs {@code request} and lets {@code report} print what it did and give the exit code. A tool that could
     * not do what was asked prints {@code refusal} and the worker's reason, and exits 2.
     */
    static int run(TemporalOptions temporal, RecordToolsRequest request, String refusal,
                   ToIntFunction<RecordToolsResult> report) {
        try (TemporalSession session = temporal.connect()) {
            return report.applyAsInt(run(session, request));
        } catch (WorkflowFailedException failed) {
            System.err.println(refusal + FailureReason.of(failed));
            return 2;
        }
    }

    private static RecordToolsResult run(TemporalSession session, RecordToolsRequest request) {
        RecordToolsWorkflow tool = session.client().newWorkflowStub(RecordToolsWorkflow.class,
                WorkflowOptions.newBuilder()
                        // coupling tools may run side by side, so each run gets an id of its own
                        .setWorkflowId("records/" + request.profile() + "/" + request.action().slug() + "/"
                                + UUID.randomUUID())
                        .setTaskQueue(WorkflowIds.TASK_QUEUE)
                        .setStaticSummary(request.action().slug() + (request.mapping() == null ? ""
                                : " " + request.mapping()) + " · " + request.profile())
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(CrmSyncSearchAttributes.PROFILE, request.profile()).build())
                        .build());
        WorkflowClient.start(tool::run, request);
        return WorkflowStub.fromTyped(tool).getResult(RecordToolsResult.class);
    }
}
