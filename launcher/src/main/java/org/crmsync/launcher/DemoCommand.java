package org.crmsync.launcher;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.crmsync.activities.profile.BusinessCentralConnection;
import org.crmsync.activities.profile.ConnectionProfile;
import org.crmsync.activities.profile.DataverseConnection;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.starter.ReviewTable;
import org.crmsync.starter.ReviewWatch;
import org.crmsync.starter.SearchAttributeSetup;
import org.crmsync.starter.SetupView;
import org.crmsync.starter.TemporalOptions;
import org.crmsync.worker.CrmSyncWorker;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.worker.WorkerSettings;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.setup.SalespersonMatch;
import org.crmsync.workflows.setup.SalespersonPairing;
import org.crmsync.workflows.setup.SetupProgress;
import org.crmsync.workflows.setup.SetupRequest;
import org.crmsync.workflows.setup.SetupWorkflow;
import org.crmsync.workflows.setup.StepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crmsync demo}: everything in one process — both emulators seeded with a demo company, a fresh
 * store, Temporal (embedded unless an address is given), a worker — then the setup guide, which starts the
 * full sync, with live progress,
 * the review table and an independent reconciliation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the setup guide and a full sync of a seeded demo company between the emulators, in one process.")
public class DemoCommand implements Callable<Integer> {

    static final String PROFILE = "demo";

    @Option(names = "--scale", defaultValue = "2000", description = "number of BC customers (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the demo data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--overlap", defaultValue = "0",
            description = "share (0 to 1) of customers already in Dataverse as accounts of the same number, which "
                    + "the full sync couples instead of duplicating (default: ${DEFAULT-VALUE})")
    double overlap;

    @Option(names = "--stay", description = "keep the emulators and the worker running after the sync, for the "
            + "Temporal UI's current details and the other commands (errors, couple, schedule), until Ctrl-C")
    boolean stay;

    private DemoCompany.Options options;

    @Mixin
    TemporalOptions temporal = new TemporalOptions();

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        try {
            options = new DemoCompany.Options(scale, seed, overlap);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        return run().succeeded() ? 0 : 1;
    }

    /** What a demo run ended with. */
    public record Outcome(SyncResult result, List<Reconciliation> reconciliations) {
        public boolean succeeded() {
            return result.status() == SyncStatus.FINISHED
                    && result.lines().stream().allMatch(line -> line.status() == LineStatus.FINISHED)
                    && reconciliations.stream().allMatch(Reconciliation::holds);
        }
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Path storeDir = Files.createTempDirectory("crmsync-demo-store");
        out.printf("Seeding the demo company: %,d customers (seed %d, %.0f%% of them in Dataverse already)…%n",
                scale, seed, overlap * 100);
        try (Emulators emulators = Emulators.start(options, 0, 0);
             TemporalConnection connection = TemporalConnection.open(temporal.address())) {
            DemoCompany.Summary seeded = emulators.seeded();
            out.printf("Business Central emulator %s: %,d customers, %d salespeople, %d currencies%n",
                    emulators.bcUrl(), seeded.customers(), seeded.salespeople(), seeded.currencies());
            out.printf("Dataverse emulator        %s: %d users%n", emulators.dataverseUrl(), seeded.crmUsers());
            out.printf("Temporal                  %s%s%n", connection.address(),
                    connection.embedded() ? " (embedded, in memory)" : " (open its UI to watch full-sync/" + PROFILE + ")");
            out.printf("Integration store         %s%n", storeDir);
            if (!connection.embedded()) {
                out.println(SearchAttributeSetup.ensure(connection.client().getWorkflowServiceStubs(),
                        TemporalConnection.NAMESPACE));
            }
            try (CrmSyncWorker ignored = CrmSyncWorker.start(connection.client(),
                    workerSettings(PROFILE, emulators.bcUrl(), emulators.dataverseUrl(), storeDir))) {
                SyncResult result = runSetupAndFullSync(connection.client());
                out.println();
                out.print(ReviewTable.render(result.lines()));
                List<Reconciliation> reconciliations = Reconciliation.of(emulators.bcUrl(), emulators.dataverseUrl());
                reconciliations.forEach(out::println);
                Outcome outcome = new Outcome(result, reconciliations);
                out.printf("%s in %.1f s%n", outcome.succeeded() ? "Demo finished" : "Demo FAILED",
                        (System.nanoTime() - started) / 1e9);
                if (stay) {
                    out.printf("The emulators and the worker stay up for the UI and the other commands, such as "
                            + "crmsync errors --profile %s --temporal %s; Ctrl-C stops them.%n", PROFILE, connection.address());
                    new CountDownLatch(1).await();
                }
                return outcome;
            }
        }
    }

    /**
     * A worker's settings for the demo company's profile on emulators at these roots, with an H2 store in
     * {@code storeDir}; a map of its own, for callers to add to.
     */
    static Map<String, Object> workerSettings(String profile, String bcUrl, String dataverseUrl, Path storeDir) {
        Map<String, Object> settings = new HashMap<>(WorkerSettings.profileProperties(profile,
                profile(profile, bcUrl, dataverseUrl)));
        settings.put("crmsync.store.url", "jdbc:h2:file:" + storeDir.resolve("crmsync"));
        return settings;
    }

    /** The demo company's connection profile, on emulators at these roots. */
    static ConnectionProfile profile(String profile, String bcUrl, String dataverseUrl) {
        String bcToken = bcUrl + "/" + DemoCompany.TENANT + "/oauth2/v2.0/token";
        String dvToken = dataverseUrl + "/" + DemoCompany.TENANT + "/oauth2/v2.0/token";
        return new ConnectionProfile(profile,
                new BusinessCentralConnection(bcUrl, DemoCompany.TENANT, DemoCompany.ENVIRONMENT,
                        DemoCompany.COMPANY_ID, bcToken, "https://api.businesscentral.dynamics.com/.default",
                        TokenService.DEMO_CLIENT_ID, TokenService.DEMO_CLIENT_SECRET),
                new DataverseConnection(dataverseUrl, dvToken, dataverseUrl + "/.default",
                        TokenService.DEMO_CLIENT_ID, TokenService.DEMO_CLIENT_SECRET),
                DemoCompany.LOCAL_CURRENCY);
    }

    /**
     * Runs the setup guide as a user would: it couples salespeople by e-mail, and the demo answers its question
     * about the rest by skipping them; the guide then starts the full sync, which is followed to its end.
     */
    private SyncResult runSetupAndFullSync(WorkflowClient client) throws InterruptedException {
        SetupWorkflow setup = client.newWorkflowStub(SetupWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.setup(PROFILE))
                .setTaskQueue(WorkflowIds.TASK_QUEUE)
                .setStaticSummary("Setup guide of the demo company (" + scale + " customers)")
                .build());
        // start, never a synchronous call: that could silently return an earlier run's result (temporal.md §2.6)
        WorkflowExecution run = WorkflowClient.start(setup::run, new SetupRequest(PROFILE, false, true));
        setup = client.newWorkflowStub(SetupWorkflow.class, run.getWorkflowId(), Optional.of(run.getRunId()));
        if (SetupView.follow(setup, List.of()) != 0) {
            SetupProgress waiting = setup.progress();
            if (waiting.status() != StepStatus.WAITING_FOR_USER) {
                throw new IllegalStateException("the setup guide stopped: " + waiting.status());
            }
            List<String> codes = waiting.salespeople().unmatched().stream()
                    .map(SalespersonMatch.Salesperson::code).toList();
            out.println("The demo answers: crmsync setup couple-salespersons --profile demo --skip "
                    + String.join(",", codes));
            setup.coupleSalespersons(new SalespersonPairing(Map.of(), codes));
            if (SetupView.follow(setup, waiting.steps()) != 0) {
                throw new IllegalStateException("the setup guide stopped: " + setup.progress().status());
            }
        }
        out.println();
        WorkflowStub fullSync = client.newUntypedWorkflowStub(WorkflowIds.fullSync(PROFILE));
        String fullSyncRun = fullSync.describe().getExecution().getRunId();
        FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class, WorkflowIds.fullSync(PROFILE),
                Optional.of(fullSyncRun));
        SyncProgress progress = new ReviewWatch(client, out).follow(sync);
        if (progress.status() == SyncStatus.NEEDS_ATTENTION) {
            out.println("The full sync needs attention and waits for a resume. " + ReviewTable.whatToFix(progress));
            return new SyncResult(progress.status(), progress.lines(), progress.problem());
        }
        return WorkflowStub.fromTyped(sync).getResult(SyncResult.class);
    }
}
