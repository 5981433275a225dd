package org.crmsync.workflows.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.MappingPlan;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.replay.Histories;
import org.crmsync.workflows.sync.ItemAvailabilityRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;
import org.crmsync.workflows.visibility.TestExtensions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FullSyncWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestExtensions.withSearchAttributes()
            .registerWorkflowImplementationTypes(FullSyncWorkflowImpl.class, IncrementalSyncWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    /** BC's default graph, trimmed: two roots, CUSTOMER after both, CONTACT after CUSTOMER, ITEM on its own. */
    private static final SyncPlan PLAN = new SyncPlan(List.of(
            mapping("SALESPEOPLE", Recommendation.FULL_SYNCHRONIZATION),
            mapping("CURRENCY", Recommendation.FULL_SYNCHRONIZATION),
            mapping("CUSTOMER", Recommendation.FULL_SYNCHRONIZATION, "SALESPEOPLE", "CURRENCY", "PAYMENT TERMS"),
            mapping("CONTACT", Recommendation.FULL_SYNCHRONIZATION, "CUSTOMER"),
            mapping("UNIT OF MEASURE", Recommendation.NO_RECORDS_FOUND),
            mapping("ITEM-PRODUCT", Recommendation.FULL_SYNCHRONIZATION, "UNIT OF MEASURE")));

    private static final String PLAN_STEP = "(plan)";

    private final List<FakeTableSync.Run> runs = FakeTableSync.newLog();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private static MappingPlan mapping(String name, Recommendation recommendation, String... parents) {
        return new MappingPlan(name, Direction.TO_INTEGRATION_TABLE, List.of(parents), recommendation, 10);
    }

    /**
     * Plans {@link #PLAN}, or refuses to while {@link #failing} holds {@link #PLAN_STEP}, as for a secret BC refuses;
     * table syncs are the fake children, so no chunk is ever asked for.
     */
    final class PlanOnly implements SyncActivities {
        private final TestWorkflowEnvironment env;
        private volatile SyncPlan plan = PLAN;

        PlanOnly(TestWorkflowEnvironment env) {
            this.env = env;
        }

        @Override
        public SyncPlan plan(PlanRequest request) {
            if (failing.contains(PLAN_STEP)) {
                throw ApplicationFailure.newNonRetryableFailure("Business Central refused the client credentials of "
                        + "client 'crmsync' (401): check CRMSYNC_BC_CLIENT_SECRET", SyncActivities.AUTHENTICATION_FAILURE);
            }
            return plan;
        }

        @Override
        public SyncChunkResult syncChunk(SyncChunkRequest request) {
            throw new UnsupportedOperationException("the fake table syncs never call syncChunk");
        }

        /** Logged as a run that starts and ends at once, in the test environment's time. */
        @Override
        public JobCounters refreshItemAvailability(ItemAvailabilityRequest request) {
            long now = env.currentTimeMillis();
            runs.add(new FakeTableSync.Run(SyncPlan.ITEM_AVAILABILITY, request.jobId(), false, false, now, now));
            if (failing.contains(SyncPlan.ITEM_AVAILABILITY)) {
                throw ApplicationFailure.newNonRetryableFailure("Dataverse refused the client credentials", "Test");
            }
            return new JobCounters(0, 3, 0, 0, 0, 0, 0, 0);
        }
    }

    private PlanOnly activities;

    @BeforeEach
    void registerFakes(TestWorkflowEnvironment env, Worker worker) {
        worker.registerWorkflowImplementationFactory(org.crmsync.workflows.tablesync.TableSyncWorkflow.class,
                () -> new FakeTableSync(runs, failing));
        activities = new PlanOnly(env);
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    private FullSyncWorkflow start(WorkflowClient client, WorkflowOptions options) {
        FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class,
                WorkflowOptions.newBuilder(options).setWorkflowId("full-sync/test").build());
        WorkflowClient.start(sync::run, new SyncRequest("test", 4));
        return sync;
    }

    private Map<String, FakeTableSync.Run> firstRuns() {
        return runs.stream().collect(Collectors.toMap(FakeTableSync.Run::mapping, run -> run, (a, b) -> a));
    }

    @Test
    void mappingsStartOnlyAfterTheirParentsFinished(WorkflowClient client, WorkflowOptions options) {
        FullSyncWorkflow sync = start(client, options);
        SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

        assertEquals(SyncStatus.FINISHED, result.status());
        Map<String, FakeTableSync.Run> run = firstRuns();
        assertTrue(run.get("CUSTOMER").startedAt() >= run.get("SALESPEOPLE").endedAt());
        assertTrue(run.get("CUSTOMER").startedAt() >= run.get("CURRENCY").endedAt());
        assertTrue(run.get("CONTACT").startedAt() >= run.get("CUSTOMER").endedAt());
    }

    @Test
    void independentMappingsStartTogether(WorkflowClient client, WorkflowOptions options) {
        FullSyncWorkflow sync = start(client, options);
        WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

        Map<String, FakeTableSync.Run> run = firstRuns();
        assertTrue(run.get("CURRENCY").startedAt() < run.get("SALESPEOPLE").endedAt());
        // ITEM-PRODUCT's only parent has no records, so it need not wait for the customer branch.
        assertTrue(run.get("ITEM-PRODUCT").startedAt() < run.get("SALESPEOPLE").endedAt());
    }

    @Test
    void aLineWithNoRecordsIsNotRunButLetsItsDependentsStart(WorkflowClient client, WorkflowOptions options) {
        FullSyncWorkflow sync = start(client, options);
        SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

        assertTrue(runs.stream().noneMatch(run -> run.mapping().equals("UNIT OF MEASURE")));
        assertEquals(LineStatus.NO_RECORDS, line(result.lines(), "UNIT OF MEASURE").status());
        assertEquals(LineStatus.FINISHED, line(result.lines(), "ITEM-PRODUCT").status());
        assertEquals(5, line(result.lines(), "CUSTOMER").counters().inserted());
    }

    @Test
    void dependentsOfAFailedMappingAreBlockedWhileOtherBranchesFinish(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, WorkflowOptions options) {
        failing.add("CUSTOMER");
        FullSyncWorkflow sync = start(client, options);
        env.sleep(Duration.ofMinutes(10));

        SyncProgress progress = sync.progress();
        assertEquals(SyncStatus.NEEDS_ATTENTION, progress.status());
        assertEquals(LineStatus.ERROR, line(progress.lines(), "CUSTOMER").status());
        assertTrue(line(progress.lines(), "CUSTOMER").message().contains("CUSTOMER broke"));
        assertEquals(LineStatus.BLOCKED, line(progress.lines(), "CONTACT").status());
        assertEquals(LineStatus.FINISHED, line(progress.lines(), "ITEM-PRODUCT").status());
        assertTrue(runs.stream().noneMatch(run -> run.mapping().equals("CONTACT")));
        assertEquals("NEEDS_ATTENTION", WorkflowStub.fromTyped(sync).describe().getTypedSearchAttributes()
                .get(CrmSyncSearchAttributes.STATUS), "the UI can list the syncs that need attention");
    }

    @Test
    void resumeRerunsOnlyTheFailedAndBlockedLinesWithTheSameJob(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 WorkflowOptions options) {
        failing.add("CUSTOMER");
        FullSyncWorkflow sync = start(client, options);
        env.sleep(Duration.ofMinutes(10));
        String failedJob = line(sync.progress().lines(), "CUSTOMER").jobId();
        int runsBefore = runs.size();

        failing.clear();
        sync.resume(ResumeRequest.all());
        SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

        assertEquals(SyncStatus.FINISHED, result.status());
        List<String> rerun = runs.subList(runsBefore, runs.size()).stream().map(FakeTableSync.Run::mapping).toList();
        assertEquals(List.of("CUSTOMER", "CONTACT"), rerun);
        assertEquals(failedJob, runs.get(runs.size() - 2).jobId(), "a resumed line continues its own job");
        assertEquals("full-sync/test/CUSTOMER#2", line(result.lines(), "CUSTOMER").childWorkflowId());
        Histories.record(client, "full-sync/test", "full-sync-resumed");
    }

    @Test
    void aPlanThatFailsWaitsWithItsReasonForAResumeThatPlansAgain(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 WorkflowOptions options) {
        failing.add(PLAN_STEP);
        FullSyncWorkflow sync = start(client, options);
        env.sleep(Duration.ofMinutes(1));

        SyncProgress waiting = sync.progress();
        assertEquals(SyncStatus.NEEDS_ATTENTION, waiting.status(), "not failed: the sync waits for the fix");
        assertTrue(waiting.lines().isEmpty());
        assertTrue(waiting.problem().contains("check CRMSYNC_BC_CLIENT_SECRET"), waiting.problem());
        assertEquals("NEEDS_ATTENTION", WorkflowStub.fromTyped(sync).describe().getTypedSearchAttributes()
                .get(CrmSyncSearchAttributes.STATUS));
        WorkflowUpdateException named = assertThrows(WorkflowUpdateException.class,
                () -> sync.resume(new ResumeRequest(List.of("CUSTOMER"))));
        assertTrue(named.getCause().getMessage().contains("resume without naming mappings"),
                named.getCause().getMessage());

        failing.clear();
        sync.resume(ResumeRequest.all());
        SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

        assertEquals(SyncStatus.FINISHED, result.status());
        assertNull(result.problem());
        assertEquals(PLAN.mappings().size(), result.lines().size());
        Histories.record(client, "full-sync/test", "full-sync-replanned");
    }

    @Test
    void resumeIsRejectedUnlessALineFailed(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
        failing.add("CONTACT");
        FullSyncWorkflow sync = start(client, options);
        env.sleep(Duration.ofSeconds(30));
        WorkflowUpdateException nothingFailed = assertThrows(WorkflowUpdateException.class,
                () -> sync.resume(ResumeRequest.all()));
        assertTrue(nothingFailed.getCause().getMessage().contains("nothing to resume: the full sync is RUNNING"),
                nothingFailed.getCause().getMessage());

        env.sleep(Duration.ofMinutes(10));
        WorkflowUpdateException finishedLine = assertThrows(WorkflowUpdateException.class,
                () -> sync.resume(new ResumeRequest(List.of("CUSTOMER"))));
        assertTrue(finishedLine.getCause().getMessage().contains("CUSTOMER is Finished, not Error"));
        assertEquals(SyncStatus.NEEDS_ATTENTION, sync.progress().status(), "a rejected update changes nothing");
    }

    @Test
    void anIncrementalSyncRunsEveryLineOnlyOverChangesAndWaitsLikeAFullSyncWhenOneFails(
            TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
        failing.add("CURRENCY");
        IncrementalSyncWorkflow sync = startIncremental(client, options, "incremental/test");
        env.sleep(Duration.ofMinutes(10));

        SyncProgress progress = sync.progress();
        assertEquals(SyncStatus.NEEDS_ATTENTION, progress.status());
        assertEquals(LineStatus.BLOCKED, line(progress.lines(), "CUSTOMER").status());
        assertTrue(runs.stream().anyMatch(run -> run.mapping().equals("UNIT OF MEASURE")),
                "changes since the full sync may exist where there were no records then");
        assertTrue(runs.stream().noneMatch(run -> run.fullSync() || run.matchFirst()));
        assertEquals("incremental/test/ITEM-PRODUCT", line(progress.lines(), "ITEM-PRODUCT").childWorkflowId());

        failing.clear();
        sync.resume(ResumeRequest.all());
        assertEquals(SyncStatus.FINISHED, WorkflowStub.fromTyped(sync).getResult(SyncResult.class).status());
        Histories.record(client, "incremental/test", "incremental-resumed");
    }

    @Test
    void theItemAvailabilityLineRunsAfterItemProductAndIsResumedLikeAMapping(
            TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
        List<MappingPlan> withAvailability = new ArrayList<>(PLAN.mappings());
        withAvailability.add(new MappingPlan(SyncPlan.ITEM_AVAILABILITY, Direction.TO_INTEGRATION_TABLE,
                List.of("ITEM-PRODUCT"), Recommendation.FULL_SYNCHRONIZATION, -1));
        activities.plan = new SyncPlan(withAvailability);
        failing.add(SyncPlan.ITEM_AVAILABILITY);
        IncrementalSyncWorkflow sync = startIncremental(client, options, "incremental/availability");
        env.sleep(Duration.ofMinutes(10));

        SyncProgress progress = sync.progress();
        assertEquals(SyncStatus.NEEDS_ATTENTION, progress.status());
        ReviewLine refresh = line(progress.lines(), SyncPlan.ITEM_AVAILABILITY);
        assertEquals(LineStatus.ERROR, refresh.status());
        assertTrue(refresh.message().contains("Dataverse refused"), refresh.message());
        assertNull(refresh.childWorkflowId(), "an activity, not a table sync");
        Map<String, FakeTableSync.Run> run = firstRuns();
        assertTrue(run.get(SyncPlan.ITEM_AVAILABILITY).startedAt() >= run.get("ITEM-PRODUCT").endedAt(),
                "inventory is written to products that ITEM-PRODUCT has synchronized");

        failing.clear();
        sync.resume(ResumeRequest.all());
        SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

        assertEquals(SyncStatus.FINISHED, result.status());
        assertEquals(3, line(result.lines(), SyncPlan.ITEM_AVAILABILITY).counters().modified());
        List<FakeTableSync.Run> refreshes = runs.stream()
                .filter(r -> r.mapping().equals(SyncPlan.ITEM_AVAILABILITY)).toList();
        assertEquals(2, refreshes.size());
        assertEquals(refreshes.get(0).jobId(), refreshes.get(1).jobId(), "a resumed line keeps its job");
        assertEquals(1, runs.stream().filter(r -> r.mapping().equals("ITEM-PRODUCT")).count(),
                "only the failed line runs again");
        Histories.record(client, "incremental/availability", "incremental-item-availability");
    }

    private static IncrementalSyncWorkflow startIncremental(WorkflowClient client, WorkflowOptions options, String id) {
        IncrementalSyncWorkflow sync = client.newWorkflowStub(IncrementalSyncWorkflow.class,
                WorkflowOptions.newBuilder(options).setWorkflowId(id).build());
        WorkflowClient.start(sync::run, SyncRequest.of("test"));
        return sync;
    }

    private static ReviewLine line(List<ReviewLine> lines, String name) {
        return lines.stream().filter(line -> line.name().equals(name)).findFirst().orElseThrow();
    }
}
