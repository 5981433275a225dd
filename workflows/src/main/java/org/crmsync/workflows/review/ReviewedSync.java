package org.crmsync.workflows.review;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.workflows.plan.DependencyGraph;
import org.crmsync.workflows.plan.MappingPlan;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.ItemAvailabilityRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncRetries;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.tablesync.TableSyncResult;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/**
 * Runs a profile's mappings in dependency order as child table syncs, keeps the review lines and their
 * statuses, and waits for a resume or a cancel when a line failed, or when the plan did (a credential BC
 * refuses, a service out of reach): the sync then has no lines yet, and a resume plans again. The item
 * availability line is an activity rather than a child. The full and the incremental sync differ only in what
 * their children do ({@link #fullSync()}).
 */
abstract class ReviewedSync implements SyncReview {

    /** The change after which a failed plan waits for a resume instead of failing the run (docs/versioning.md). */
    private static final String PLAN_FAILURE_WAITS = "plan-failure-waits";
    /** The change after which the item availability line runs its activity, not a table sync (docs/versioning.md). */
    private static final String ITEM_AVAILABILITY_REFRESHES = "item-availability-refreshes";

    private final SyncActivities activities = Workflow.newActivityStub(SyncActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(5))
                    .setRetryOptions(SyncRetries.options())
                    .build());
    /** The first refresh writes every coupled item's inventory: long, so it heartbeats. */
    private final SyncActivities refresh = Workflow.newActivityStub(SyncActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(1))
                    .setHeartbeatTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(SyncRetries.options())
                    .build());

    private final Map<String, ReviewLine> lines = new LinkedHashMap<>();
    private SyncStatus status = SyncStatus.PLANNING;
    private DependencyGraph graph;
    private String profile;
    private int running;
    private int completions;
    private boolean resumeRequested;
    private boolean cancelled;
    private SyncStatus published;
    /** Why the plan failed, while the sync waits for a resume to plan again. */
    private String problem;

    /** True for a full synchronization, false for an incremental one. */
    abstract boolean fullSync();

    SyncResult runReview(SyncRequest request) {
        profile = request.profile();
        Workflow.upsertTypedSearchAttributes(CrmSyncSearchAttributes.PROFILE.valueSet(profile));
        publish();
        SyncPlan plan = planUntilCancelled();
        if (plan == null) {
            status = SyncStatus.CANCELLED;
            publish();
            return new SyncResult(status, List.of(), problem);
        }
        graph = graphOf(plan);
        for (MappingPlan mapping : plan.mappings()) {
            lines.put(mapping.name(), ReviewLine.of(mapping, Workflow.randomUUID().toString(), fullSync()));
        }
        int maxParallel = Math.max(1, request.maxParallel());
        while (true) {
            status = SyncStatus.RUNNING;
            runUntilNothingCanStart(maxParallel);
            if (cancelled) {
                status = SyncStatus.CANCELLED;
                break;
            }
            if (lines.values().stream().noneMatch(line -> line.status().needsAttention())) {
                status = SyncStatus.FINISHED;
                break;
            }
            if (!resumed()) {
                status = SyncStatus.CANCELLED;
                break;
            }
        }
        publish();
        return new SyncResult(status, List.copyOf(lines.values()), null);
    }

    /**
     * The plan; when it fails (after the activity's retries, or at once for a credential), the sync needs
     * attention with the reason and plans again on a resume. Null once cancelled.
     */
    private SyncPlan planUntilCancelled() {
        if (Workflow.getVersion(PLAN_FAILURE_WAITS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return activities.plan(PlanRequest.all(profile)); // runs started before: a failed plan failed the run
        }
        while (true) {
            try {
                SyncPlan plan = activities.plan(PlanRequest.all(profile));
                problem = null;
                return plan;
            } catch (ActivityFailure failure) {
                problem = FailureReason.of(failure);
                if (!resumed()) {
                    return null;
                }
            }
        }
    }

    /** Needs attention until a resume (true) or a cancel (false). */
    private boolean resumed() {
        status = SyncStatus.NEEDS_ATTENTION;
        publish();
        Workflow.await(() -> resumeRequested || cancelled);
        resumeRequested = false;
        return !cancelled;
    }

    @Override
    public SyncProgress progress() {
        return new SyncProgress(status, List.copyOf(lines.values()), problem);
    }

    @Override
    public void validateResume(ResumeRequest request) {
        if (status != SyncStatus.NEEDS_ATTENTION) {
            throw new IllegalStateException("nothing to resume: the " + (fullSync() ? "full" : "incremental")
                    + " sync is " + status);
        }
        if (lines.isEmpty() && !request.mappings().isEmpty()) {
            throw new IllegalArgumentException("the plan failed, so no mapping has run yet: resume without naming "
                    + "mappings to plan again");
        }
        for (String name : request.mappings()) {
            ReviewLine line = lines.get(name);
            if (line == null) {
                throw new IllegalArgumentException("no mapping " + name + " in this full sync; lines: "
                        + String.join(", ", lines.keySet()));
            }
            if (line.status() != LineStatus.ERROR) {
                throw new IllegalArgumentException(name + " is " + line.status().label()
                        + ", not Error: only failed lines can be resumed (their blocked dependents follow)");
            }
        }
    }

    @Override
    public SyncProgress resume(ResumeRequest request) {
        List<String> selected = request.mappings().isEmpty()
                ? lines.values().stream().filter(l -> l.status() == LineStatus.ERROR).map(ReviewLine::name).toList()
                : request.mappings();
        for (String name : selected) {
            lines.put(name, lines.get(name).waiting());
            for (String dependent : graph.dependentsOf(name)) {
                if (lines.get(dependent).status() == LineStatus.BLOCKED) {
                    lines.put(dependent, lines.get(dependent).waiting());
                }
            }
        }
        resumeRequested = true;
        status = lines.isEmpty() ? SyncStatus.PLANNING : SyncStatus.RUNNING;
        publish();
        return progress();
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    private static DependencyGraph graphOf(SyncPlan plan) {
        try {
            return new DependencyGraph(plan.mappings());
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), SyncActivities.CONFIGURATION_FAILURE);
        }
    }

    /** Starts every line whose parents are done, as slots free up, until nothing runs and nothing can start. */
    private void runUntilNothingCanStart(int maxParallel) {
        while (true) {
            blockDependentsOfFailedLines();
            for (String name : graph.topologicalOrder()) {
                if (running >= maxParallel || cancelled) {
                    break;
                }
                if (lines.get(name).status() == LineStatus.WAITING && parentsAreDone(name)) {
                    start(lines.get(name));
                }
            }
            publish();
            if (running == 0) {
                return;
            }
            int seen = completions;
            Workflow.await(() -> completions != seen);
        }
    }

    private boolean parentsAreDone(String name) {
        return graph.parentsOf(name).stream().allMatch(parent -> lines.get(parent).status().letsDependentsStart());
    }

    private void blockDependentsOfFailedLines() {
        for (ReviewLine line : new ArrayList<>(lines.values())) {
            if (!line.status().needsAttention()) {
                continue;
            }
            for (String dependent : graph.dependentsOf(line.name())) {
                ReviewLine waiting = lines.get(dependent);
                if (waiting.status() == LineStatus.WAITING) {
                    lines.put(dependent, waiting.blocked("blocked: " + line.name() + " is " + line.status().label()));
                }
            }
        }
    }

    private void start(ReviewLine line) {
        Promise<JobCounters> result;
        if (line.name().equals(SyncPlan.ITEM_AVAILABILITY)
                && Workflow.getVersion(ITEM_AVAILABILITY_REFRESHES, Workflow.DEFAULT_VERSION, 1) == 1) {
            lines.put(line.name(), line.started(null, Workflow.currentTimeMillis()));
            result = Async.function(refresh::refreshItemAvailability,
                    new ItemAvailabilityRequest(profile, line.jobId()));
        } else {
            result = startTableSync(line);
        }
        running++;
        result.handle((done, failure) -> {
            ReviewLine current = lines.get(line.name());
            lines.put(line.name(), failure == null
                    ? current.finished(done, Workflow.currentTimeMillis())
                    : current.failed(FailureReason.of(failure), Workflow.currentTimeMillis()));
            running--;
            completions++;
            return null;
        });
    }

    private Promise<JobCounters> startTableSync(ReviewLine line) {
        // A resumed line runs as a new child; its job id stays, so it continues from its committed pages.
        String childId = Workflow.getInfo().getWorkflowId() + "/" + line.name()
                + (line.attempt() == 0 ? "" : "#" + (line.attempt() + 1));
        TableSyncWorkflow child = Workflow.newChildWorkflowStub(TableSyncWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(childId)
                        .setStaticSummary(line.name() + " · " + line.direction().arrow() + " · "
                                + (fullSync() ? line.recommendation().label() : "Incremental") + " · " + profile)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(CrmSyncSearchAttributes.PROFILE, profile)
                                .set(CrmSyncSearchAttributes.MAPPING, line.name())
                                .build())
                        .build());
        lines.put(line.name(), line.started(childId, Workflow.currentTimeMillis()));
        return Async.function(child::run, TableSyncRequest.start(profile, line.name(), line.direction(), line.jobId(),
                fullSync(), fullSync() && line.recommendation() == Recommendation.COUPLE_RECORDS))
                .thenApply(TableSyncResult::counters);
    }

    /** Shows the review in the UI's current details and the status as a search attribute. */
    private void publish() {
        Workflow.setCurrentDetails(ReviewMarkdown.render(fullSync() ? "Full" : "Incremental", profile, status,
                lines.values(), problem));
        if (status != published) {
            Workflow.upsertTypedSearchAttributes(CrmSyncSearchAttributes.STATUS.valueSet(status.name()));
            published = status;
        }
    }
}
