package org.crmsync.workflows.records;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.workflows.plan.MappingPlan;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.CouplingActivities;
import org.crmsync.workflows.sync.FailuresRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.RecordFailureView;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncRetries;
import org.crmsync.workflows.sync.SynchronizeRequest;
import org.crmsync.workflows.sync.UncoupleRequest;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.tablesync.TableSyncResult;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

public class RecordToolsWorkflowImpl implements RecordToolsWorkflow {

    /** Records synchronized per activity call when retrying; each call is one job page of its own. */
    static final int RETRY_SLICE = 200;

    private final CouplingActivities tools = Workflow.newActivityStub(CouplingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(SyncRetries.options())
                    .build());

    private final SyncActivities sync = Workflow.newActivityStub(SyncActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(5))
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
            case COUPLE_BY_MATCH -> coupleByMatch(request);
            case UNCOUPLE -> new RecordToolsResult(List.of(), JobCounters.ZERO, tools.uncouple(
                    new UncoupleRequest(request.profile(), request.mapping(), List.of(request.bcId()))));
        };
    }

    /**
     * Match-based coupling over every record of the mapping, in each of its directions, as a table sync of
     * its own (it may be long, and continues as new like any other).
     */
    private RecordToolsResult coupleByMatch(RecordToolsRequest request) {
        // only the mapping's direction is needed: counting every other table would be wasted requests
        MappingPlan mapping = sync.plan(new PlanRequest(request.profile(), request.mapping())).mappings().get(0);
        TableSyncWorkflow tableSync = Workflow.newChildWorkflowStub(TableSyncWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(Workflow.getInfo().getWorkflowId() + "/" + mapping.name())
                        .setStaticSummary(mapping.name() + " · match-based coupling" + (request.create()
                                ? " and create" : "") + " · " + request.profile())
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(CrmSyncSearchAttributes.PROFILE, request.profile())
                                .set(CrmSyncSearchAttributes.MAPPING, mapping.name())
                                .build())
                        .build());
        TableSyncResult result = tableSync.run(TableSyncRequest.matchBased(request.profile(), mapping.name(),
                mapping.direction(), Workflow.randomUUID().toString(), request.create()));
        return new RecordToolsResult(List.of(), result.counters(), 0);
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
