package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.worker.CrmSyncWorker;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real server: a full sync of about 100,000 records over the default mappings, once under each
 * fault the emulators inject, five times with the worker process killed by SIGKILL at a random point of its
 * progress and a new one started, and once with the Temporal server itself stopped and started again mid-sync. Each
 * trial is then audited independently of the engine's counters ({@link FullSyncAudit}): every BC record
 * of every mapping exactly once in Dataverse (or recorded as failed), field values as the mapping says,
 * couplings pointing at rows that exist, and the review's counts adding up. Prints one row per trial.
 */
@Tag("devserver")
class ChaosOnDevServerTest {

    /** A company whose full sync processes about 100,000 records: customers, contacts, vendors, items, … */
    private static final int CUSTOMERS = 78_000;
    private static final long SEED = 13;
    private static final int KILLS = 5;

    private record Fault(String name, Consumer<Emulators> inject) {
    }

    private record Outcome(String fault, String status, List<FullSyncAudit.Line> audit, double seconds) {
        long sum(ToLongFunction<FullSyncAudit.Line> figure) {
            return audit.stream().mapToLong(figure).sum();
        }

        boolean clean() {
            return status.equals("FINISHED") && sum(FullSyncAudit.Line::duplicates) + sum(FullSyncAudit.Line::missing)
                    + sum(FullSyncAudit.Line::dangling) + sum(FullSyncAudit.Line::fieldMismatches)
                    + sum(FullSyncAudit.Line::counterErrors) == 0;
        }
    }

    private static final List<Fault> FAULTS = List.of(
            new Fault("none (control)", emulators -> { }),
            new Fault("429 storms: a fifth of calls, Retry-After 1 s", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0, 0.2, 0, 1, 0, 0, 0, 0, 0, null))),
            new Fault("5xx bursts: one call in ten", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0.1, 0, 0, 1, 0, 0, 0, 0, 0, null))),
            new Fault("latency: 20 ms ± 30, 2% of calls 2 s", emulators -> both(emulators,
                    new FaultSettings(20, 30, 0, 0, 0, 1, 0.02, 2000, 0, 0, 0, null))),
            new Fault("dropped connections: 2% of calls", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0, 0, 0, 1, 0, 0, 0.02, 0, 0, null))),
            new Fault("malformed answers: one read in twenty cut off", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0, 0, 0, 1, 0, 0, 0, 0.05, 0, null))),
            new Fault("lost answers: one write in twenty made, never answered", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.05, null))),
            new Fault("token expiry: tokens live 2 s", emulators -> {
                emulators.bc().tokens().setLifetime(Duration.ofSeconds(2));
                emulators.dataverse().tokens().setLifetime(Duration.ofSeconds(2));
            }));

    @Test
    void aFullSyncOfAHundredThousandRecordsEndsWithNothingDuplicatedMissingOrDanglingWhateverFails(@TempDir Path dir)
            throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (Emulators emulators = Emulators.start(new DemoCompany.Options(CUSTOMERS, SEED, 0), 0, 0)) {
            try (TemporalConnection temporal = TemporalConnection.open(DevServer.address())) {
                for (Fault fault : FAULTS) {
                    outcomes.add(underFault(temporal.client(), emulators, fault, dir.resolve("fault-" + outcomes.size())));
                }
                Random random = new Random(SEED);
                for (int kill = 1; kill <= KILLS; kill++) {
                    // anywhere from the first chunk to the last mapping
                    double share = 0.02 + 0.83 * random.nextDouble();
                    outcomes.add(killedWorker(temporal.client(), emulators, share, dir.resolve("kill-" + kill)));
                }
                outcomes.add(restartedServer(emulators, 0.4, dir.resolve("restart")));
            }
        }
        System.out.printf("%-66s %-9s %8s %10s %7s %8s %7s %8s %8s%n", "Fault", "Outcome", "Records", "Duplicates",
                "Missing", "Dangling", "Fields", "Counters", "Seconds");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "%-66s %-9s %,8d %10d %7d %8d %7d %8d %8.1f%n", o.fault(), o.status(),
                    o.sum(FullSyncAudit.Line::records), o.sum(FullSyncAudit.Line::duplicates),
                    o.sum(FullSyncAudit.Line::missing), o.sum(FullSyncAudit.Line::dangling),
                    o.sum(FullSyncAudit.Line::fieldMismatches), o.sum(FullSyncAudit.Line::counterErrors), o.seconds());
        }
        for (Outcome outcome : outcomes) {
            assertTrue(outcome.clean(), outcome.toString());
        }
        assertTrue(outcomes.get(0).sum(FullSyncAudit.Line::records) >= 100_000, "sized to 100,000 records");
    }

    private static Outcome underFault(WorkflowClient client, Emulators emulators, Fault fault, Path store)
            throws Exception {
        String profile = newProfile();
        Map<String, Set<String>> before = fresh(emulators);
        try (CrmSyncWorker worker = CrmSyncWorker.start(client, DevServer.workerSettings(profile, emulators, store))) {
            fault.inject().accept(emulators);
            long started = System.nanoTime();
            FullSyncWorkflow sync = start(client, profile);
            DevServer.await(Duration.ofMinutes(15), "the full sync under " + fault.name(), () -> ended(sync));
            double seconds = (System.nanoTime() - started) / 1e9;
            both(emulators, FaultSettings.NONE);
            return audited(fault.name(), sync.progress(), emulators, worker.store(), profile, before, seconds);
        }
    }

    /** A worker process is killed once the sync has processed {@code share} of its records; a new one starts at once. */
    private static Outcome killedWorker(WorkflowClient client, Emulators emulators, double share, Path dir)
            throws Exception {
        String profile = newProfile();
        Map<String, Set<String>> before = fresh(emulators);
        Files.createDirectories(dir);
        String storeUrl = "jdbc:h2:file:" + dir.resolve("crmsync");
        Process worker = DevServer.workerProcess(profile, emulators, storeUrl, dir.resolve("worker-1.log"));
        try {
            DevServer.awaitPolling(dir.resolve("worker-1.log"));
            long started = System.nanoTime();
            FullSyncWorkflow sync = start(client, profile);
            String during = whenProcessed(sync, share, started);
            worker.destroyForcibly(); // SIGKILL: no shutdown hook runs, an activity is cut off mid-page
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            worker = DevServer.workerProcess(profile, emulators, storeUrl, dir.resolve("worker-2.log"));
            DevServer.await(Duration.ofMinutes(15), "the full sync to finish on the new worker", () -> ended(sync));
            double seconds = (System.nanoTime() - started) / 1e9;
            SyncProgress review = sync.progress();
            worker.destroy();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            try (IntegrationStore store = IntegrationStore.open(storeUrl, "sa", "")) {
                return audited("worker SIGKILL " + during, review, emulators, store, profile, before, seconds);
            }
        } finally {
            worker.destroyForcibly();
        }
    }

    /** The Temporal server is stopped once the sync has processed {@code share} of its records, then started again. */
    private static Outcome restartedServer(Emulators emulators, double share, Path dir) throws Exception {
        String profile = newProfile();
        Map<String, Set<String>> before = fresh(emulators);
        Files.createDirectories(dir);
        int port = EmulatorProcess.freePort();
        Process server = DevServer.startServer(port, dir.resolve("temporal.db"), dir.resolve("server-1.log"));
        try (TemporalConnection temporal = TemporalConnection.open("127.0.0.1:" + port)) {
            Map<String, Object> settings = DevServer.workerSettings(profile, emulators, dir);
            settings.put("temporal.address", "127.0.0.1:" + port);
            try (CrmSyncWorker worker = CrmSyncWorker.start(temporal.client(), settings)) {
                long started = System.nanoTime();
                FullSyncWorkflow sync = start(temporal.client(), profile);
                String during = whenProcessed(sync, share, started);
                server.destroy();
                assertTrue(server.waitFor(60, TimeUnit.SECONDS));
                Thread.sleep(2000); // down long enough for the worker's polls and completions to fail
                server = DevServer.startServer(port, dir.resolve("temporal.db"), dir.resolve("server-2.log"));
                DevServer.await(Duration.ofMinutes(15), "the full sync to finish after the restart", () -> ended(sync));
                double seconds = (System.nanoTime() - started) / 1e9;
                return audited("Temporal server restart " + during, sync.progress(), emulators, worker.store(),
                        profile, before, seconds);
            }
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Outcome audited(String fault, SyncProgress review, Emulators emulators, IntegrationStore store,
                                   String profile, Map<String, Set<String>> before, double seconds) {
        List<FullSyncAudit.Line> audit = FullSyncAudit.of(emulators, store, profile, review, before);
        Outcome outcome = new Outcome(fault, review.status().name(), audit, seconds);
        if (!outcome.clean()) {
            review.lines().stream().filter(l -> l.message() != null)
                    .forEach(l -> System.out.println("  " + fault + ": " + l.name() + " " + l.status().label() + ": "
                            + l.message()));
            audit.forEach(line -> System.out.println("  " + fault + ": " + line));
        }
        return outcome;
    }

    /** The emulators as seeded, and the Dataverse rows that are there before any sync. */
    private static Map<String, Set<String>> fresh(Emulators emulators) throws IOException, InterruptedException {
        DevServer.reset(emulators);
        return FullSyncAudit.crmKeys(emulators, DefaultMappings.all());
    }

    private static FullSyncWorkflow start(WorkflowClient client, String profile) {
        FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.fullSync(profile)).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
        WorkflowClient.start(sync::run, SyncRequest.of(profile));
        return sync;
    }

    /** The sync has stopped running; false too while no worker or no server answers. */
    private static boolean ended(FullSyncWorkflow sync) {
        try {
            SyncStatus status = sync.progress().status();
            return status != SyncStatus.RUNNING && status != SyncStatus.PLANNING;
        } catch (RuntimeException unanswered) {
            return false;
        }
    }

    /**
     * Waits until the sync has processed {@code share} of its source records, then says when that was and what
     * was in process. A fault strikes by progress rather than after a fixed time, so that it falls within the
     * sync however fast the machine runs it today.
     */
    private static String whenProcessed(FullSyncWorkflow sync, double share, long started) throws InterruptedException {
        DevServer.await(Duration.ofMinutes(15), "the sync to process " + share + " of its records", () -> {
            SyncProgress progress = sync.progress();
            if (progress.status() != SyncStatus.RUNNING) {
                return progress.status() != SyncStatus.PLANNING; // ended already: running() below says so
            }
            long total = progress.lines().stream().mapToLong(line -> line.sourceRecords()).sum();
            long processed = progress.lines().stream().mapToLong(line -> line.counters().processed()).sum();
            return processed >= share * total;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "at %.0f %% of the records, %.1f s (%s)", share * 100, seconds, running(sync));
    }

    /** The mappings in process at this moment, as the review shows them. */
    private static String running(FullSyncWorkflow sync) {
        SyncProgress progress = sync.progress();
        assertTrue(progress.status() == SyncStatus.PLANNING || progress.status() == SyncStatus.RUNNING,
                "the fault must strike while the sync runs, not once it is " + progress.status());
        if (progress.status() == SyncStatus.PLANNING) {
            return "while planning";
        }
        List<String> names = progress.lines().stream().filter(l -> l.status() == LineStatus.IN_PROCESS)
                .map(l -> l.name()).toList();
        return names.isEmpty() ? "between mappings" : "during " + String.join(", ", names);
    }

    private static String newProfile() {
        return "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void both(Emulators emulators, FaultSettings faults) {
        emulators.bc().configureFaults(faults);
        emulators.dataverse().configureFaults(faults);
    }
}
