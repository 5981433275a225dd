package org.crmsync.workflows.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.replay.Histories;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.ResumeRequest;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.CouplingActivities;
import org.crmsync.workflows.sync.FailuresRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.RecordFailureView;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SynchronizeRequest;
import org.crmsync.workflows.sync.UncoupleRequest;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;
import org.crmsync.workflows.visibility.TestExtensions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SetupWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestExtensions.withSearchAttributes()
            .registerWorkflowImplementationTypes(SetupWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private static final SalespersonMatch.Salesperson ANNA = new SalespersonMatch.Salesperson("bc-1", "AH", "Anna Hall",
            "anna@cronus.example");
    private static final SalespersonMatch.Salesperson BEN = new SalespersonMatch.Salesperson("bc-2", "BK", "Ben Kim", "");
    private static final SalespersonMatch.CrmUser ANNA_IN_CRM = new SalespersonMatch.CrmUser("crm-1", "Anna Hall",
            "a.hall@cronus.example");

    private final List<CoupleRequest> couplings = new CopyOnWriteArrayList<>();
    private final AtomicBoolean secretIsWrong = new AtomicBoolean();

    /** Both systems answer; the secret may be wrong until the test fixes it. */
    final class FakeSetup implements SetupActivities {
        @Override
        public String checkConnection(SetupStepRequest request) {
            if (secretIsWrong.get()) {
                throw ApplicationFailure.newNonRetryableFailure("Dataverse refused the client secret: set "
                        + "CRMSYNC_DATAVERSE_CLIENT_SECRET", SyncActivities.AUTHENTICATION_FAILURE);
            }
            return "connected";
        }

        @Override
        public String checkIntegrationRoles(SetupStepRequest request) {
            return "Integration User";
        }

        @Override
        public String writeDefaultMappings(SetupStepRequest request) {
            return "7 mappings";
        }

        @Override
        public SalespersonMatch matchSalespeople(SetupStepRequest request) {
            return new SalespersonMatch(3, List.of(ANNA, BEN), List.of(ANNA_IN_CRM));
        }
    }

    /** Records the couplings asked for; the other tools are not used by the guide. */
    final class RecordingCoupling implements CouplingActivities {
        @Override
        public JobCounters couple(CoupleRequest request) {
            couplings.add(request);
            return JobCounters.ZERO;
        }

        @Override
        public JobCounters synchronize(SynchronizeRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int uncouple(UncoupleRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RecordFailureView> failures(FailuresRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int retrySkipped(RetrySkippedRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    /** A full sync that only notes it was started. */
    public static final class StartedFullSync implements FullSyncWorkflow {
        static final List<String> STARTED = new CopyOnWriteArrayList<>();

        @Override
        public SyncResult run(SyncRequest request) {
            STARTED.add(request.profile());
            return new SyncResult(SyncStatus.FINISHED, List.of(), null);
        }

        @Override
        public SyncProgress progress() {
            return null;
        }

        @Override
        public SyncProgress resume(ResumeRequest request) {
            return null;
        }

        @Override
        public void validateResume(ResumeRequest request) {
        }

        @Override
        public void cancel() {
        }
    }

    @BeforeEach
    void start(TestWorkflowEnvironment env, Worker worker) {
        StartedFullSync.STARTED.clear();
        worker.registerWorkflowImplementationTypes(StartedFullSync.class);
        worker.registerActivitiesImplementations(new FakeSetup(), new RecordingCoupling());
        env.start();
    }

    private SetupWorkflow startSetup(WorkflowClient client, WorkflowOptions options) {
        SetupWorkflow setup = client.newWorkflowStub(SetupWorkflow.class,
                WorkflowOptions.newBuilder(options).setWorkflowId("setup/test").build());
        WorkflowClient.start(setup::run, new SetupRequest("test", false, true));
        return setup;
    }

    @Test
    void theGuideWaitsForUnmatchedSalespeopleToBePairedOrSkippedThenStartsTheFullSync(
            TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
        SetupWorkflow setup = startSetup(client, options);
        env.sleep(Duration.ofMinutes(5));

        SetupProgress waiting = setup.progress();
        assertEquals(StepStatus.WAITING_FOR_USER, waiting.status());
        assertEquals(List.of("AH", "BK"), waiting.salespeople().unmatched().stream()
                .map(SalespersonMatch.Salesperson::code).toList());
        assertEquals("WAITING_FOR_USER", WorkflowStub.fromTyped(setup).describe().getTypedSearchAttributes()
                .get(CrmSyncSearchAttributes.STATUS));
        env.sleep(Duration.ofDays(3));
        assertEquals(StepStatus.WAITING_FOR_USER, setup.progress().status(), "a person may take days to answer");

        setup.coupleSalespersons(new SalespersonPairing(Map.of("ah", "A.Hall@cronus.example"), List.of("BK")));
        SetupProgress done = WorkflowStub.fromTyped(setup).getResult(SetupProgress.class);

        assertEquals(StepStatus.DONE, done.status());
        assertEquals(1, couplings.size());
        assertEquals(new CoupleRequest("test", "SALESPEOPLE", "bc-1", "crm-1", Direction.FROM_INTEGRATION_TABLE,
                couplings.get(0).jobId()), couplings.get(0));
        assertEquals("4 salespeople coupled", done.steps().get(SetupStep.COUPLE_SALESPEOPLE.ordinal()).message());
        assertEquals(List.of("test"), StartedFullSync.STARTED);
        Histories.record(client, "setup/test", "setup-salespeople-paired");
    }

    @Test
    void aPairingThatNamesWhatIsNotThereIsRejectedAndChangesNothing(TestWorkflowEnvironment env, WorkflowClient client,
                                                                   WorkflowOptions options) {
        SetupWorkflow setup = startSetup(client, options);
        env.sleep(Duration.ofMinutes(5));

        WorkflowUpdateException unknownCode = assertThrows(WorkflowUpdateException.class,
                () -> setup.coupleSalespersons(new SalespersonPairing(Map.of("ZZ", "crm-1"), List.of())));
        assertTrue(unknownCode.getCause().getMessage().contains("no unmatched salesperson ZZ; unmatched: AH, BK"),
                unknownCode.getCause().getMessage());
        WorkflowUpdateException unknownUser = assertThrows(WorkflowUpdateException.class,
                () -> setup.coupleSalespersons(new SalespersonPairing(Map.of("AH", "nobody@cronus.example"), List.of())));
        assertTrue(unknownUser.getCause().getMessage().contains("no CRM user nobody@cronus.example free to pair"));
        assertTrue(couplings.isEmpty());
        assertEquals(2, setup.progress().salespeople().unmatched().size());
    }

    @Test
    void aBadSecretWaitsForARetryInsteadOfFailingTheGuide(TestWorkflowEnvironment env, WorkflowClient client,
                                                         WorkflowOptions options) {
        secretIsWrong.set(true);
        SetupWorkflow setup = startSetup(client, options);
        env.sleep(Duration.ofMinutes(5));

        SetupProgress stuck = setup.progress();
        assertEquals(StepStatus.NEEDS_ATTENTION, stuck.status());
        StepView connection = stuck.steps().get(SetupStep.CHECK_CONNECTION.ordinal());
        assertTrue(connection.message().contains("set CRMSYNC_DATAVERSE_CLIENT_SECRET"), connection.message());
        assertEquals(StepStatus.PENDING, stuck.steps().get(SetupStep.CHECK_ROLES.ordinal()).status());

        secretIsWrong.set(false);
        setup.retry();
        env.sleep(Duration.ofMinutes(1));
        assertEquals(StepStatus.WAITING_FOR_USER, setup.progress().status(), "went on to the salespeople");
        WorkflowUpdateException nothingToRetry = assertThrows(WorkflowUpdateException.class, setup::retry);
        assertTrue(nothingToRetry.getCause().getMessage().contains("nothing to retry: setup is WAITING_FOR_USER"));
        Histories.record(client, "setup/test", "setup-retried-after-bad-secret");
    }
}
