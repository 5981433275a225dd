package org.crmsync.workflows.records;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.CouplingActivities;
import org.crmsync.workflows.sync.FailuresRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.RecordFailureView;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.crmsync.workflows.sync.SyncRetries;
import org.crmsync.workflows.sync.SynchronizeRequest;
import org.crmsync.workflows.sync.UncoupleRequest;

public class RecordToolsWorkflowImpl implements RecordToolsWorkflow {

    /** Records synchronized per activity call when retrying; each call is one job page of its own. */
    static final int RETRY_SLICE = 200;

    private final CouplingActivities tools = Workflow.newActivityStub(CouplingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(SyncRetries.options())
                    .build());

    @Override
    public RecordToolsResult run(RecordToolsRequest request) {
        return switch (request.action()) {
            case LIST_FAILURES -> new RecordToolsResult(failures(request), JobCounters.ZERO, 0);
            case RETRY_FAILURES -> retry(request);
            case COUPLE -> new RecordToolsResult(List.of(), tools.couple(new CoupleRequest(request.profile(),
                    request.mapping(), request.bcId(), request.crmId(), request.winner(),
                    Workflow.randomUUID().toString())), 0);
            case UNCOUPLE -> new RecordToolsResult(List.of(), JobCounters.ZERO, tools.uncouple(
                    new UncoupleRequest(request.profile(), request.mapping(), List.of(request.bcId()))));
        };
    }

    private List<RecordFailureView> failures(RecordToolsRequest request) {
        return tools.failures(new FailuresRequest(request.profile(), request.mapping()));
    }

    /** BC's Retry: skipped records are released, then every failed one is synchronized now, by id. */
    private RecordToolsResult retry(RecordToolsRequest request) {
        int released = tools.retrySkipped(new RetrySkippedRequest(request.profile(), request.mapping()));
        Map<String, List<String>> idsByMappingAndDirection = new LinkedHashMap<>();
        Map<String, RecordFailureView> firstOfGroup = new LinkedHashMap<>();
        for (RecordFailureView failure : failures(request)) {
            String group = failure.mapping() + "|" + failure.direction();
            idsByMappingAndDirection.computeIfAbsent(group, g -> new ArrayList<>()).add(failure.sourceId());
            firstOfGroup.putIfAbsent(group, failure);
        }
        JobCounters counters = JobCounters.ZERO;
        for (Map.Entry<String, List<String>> group : idsByMappingAndDirection.entrySet()) {
            RecordFailureView first = firstOfGroup.get(group.getKey());
            String jobId = Workflow.randomUUID().toString();
            List<String> ids = group.getValue();
            for (int from = 0; from < ids.size(); from += RETRY_SLICE) {
                counters = counters.plus(tools.synchronize(new SynchronizeRequest(request.profile(), first.mapping(),
                        first.direction(), jobId, ids.subList(from, Math.min(ids.size(), from + RETRY_SLICE)))));
            }
        }
        return new RecordToolsResult(failures(request), counters, released);
    }
}
