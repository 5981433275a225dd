package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.crmsync.activities.store.Coupling;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.worker.CrmSyncWorker;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real server: a full sync under each fault the emulators can inject, then a reconciliation made
 * independently of the engine's counters — every unblocked customer and vendor exactly once in Dataverse,
 * every coupling pointing at rows that exist, and the review's counts adding up to the records synced.
 * Prints one row per trial. (The worker SIGKILL trial is {@link KilledWorkerOnDevServerTest}.)
 */
@Tag("devserver")
class ChaosOnDevServerTest {

    private static final int CUSTOMERS = 5_000;

    private record Trial(String fault, Consumer<Emulators> inject) {
    }

    private record Outcome(String fault, String status, long records, long duplicates, long missing,
                           long danglingCouplings, double seconds) {
    }

    private static final List<Trial> TRIALS = List.of(
            new Trial("none (control)", emulators -> { }),
            new Trial("429 storms: a fifth of calls, Retry-After 1 s", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0, 0.2, 0, 1, 0, 0, 0, 0))),
            new Trial("5xx bursts: one call in ten", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0.1, 0, 0, 1, 0, 0, 0, 0))),
            new Trial("latency: 20 ms ± 30, 2% of calls 2 s", emulators -> both(emulators,
                    new FaultSettings(20, 30, 0, 0, 0, 1, 0.02, 2000, 0, 0))),
            new Trial("dropped connections: 2% of calls", emulators -> both(emulators,
                    new FaultSettings(0, 0, 0, 0, 0, 1, 0, 0, 0.02, 0))),
            new Trial("token expiry: tokens live 2 s", emulators -> {
                emulators.bc().tokens().setLifetime(Duration.ofSeconds(2));
                emulators.dataverse().tokens().setLifetime(Duration.ofSeconds(2));
            }));

    @Test
    void aFullSyncUnderEachFaultEndsWithNothingDuplicatedMissingOrDangling(@TempDir Path stores) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (TemporalConnection temporal = TemporalConnection.open(DevServer.address())) {
            for (Trial trial : TRIALS) {
                outcomes.add(run(temporal, trial, stores.resolve("trial-" + outcomes.size())));
            }
        }
        System.out.printf("%-48s %-9s %8s %10s %7s %8s %8s%n", "Fault", "Outcome", "Records", "Duplicates",
                "Missing", "Dangling", "Seconds");
        outcomes.forEach(o -> System.out.printf(Locale.ROOT, "%-48s %-9s %,8d %10d %7d %8d %8.1f%n", o.fault(),
                o.status(), o.records(), o.duplicates(), o.missing(), o.danglingCouplings(), o.seconds()));
        for (Outcome outcome : outcomes) {
            assertEquals("FINISHED", outcome.status(), outcome.toString());
            assertEquals(0, outcome.duplicates() + outcome.missing() + outcome.danglingCouplings(), outcome.toString());
        }
    }

    private static Outcome run(TemporalConnection temporal, Trial trial, Path store) throws Exception {
        String profile = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        try (Emulators emulators = Emulators.start(new DemoCompany.Options(CUSTOMERS, 13, 0), 0, 0);
             CrmSyncWorker worker = CrmSyncWorker.start(temporal.client(),
                     DevServer.workerSettings(profile, emulators, store))) {
            trial.inject().accept(emulators);
            long started = System.nanoTime();
            DevServer.crmsync("sync", "full", "--profile", profile);
            double seconds = (System.nanoTime() - started) / 1e9;
            both(emulators, FaultSettings.NONE);

            SyncProgress review = temporal.client().newWorkflowStub(FullSyncWorkflow.class, "full-sync/" + profile)
                    .progress();
            long duplicates = 0;
            long missing = 0;
            long records = 0;
            for (Reconciliation reconciliation : Reconciliation.of(emulators.bcUrl(), emulators.dataverseUrl())) {
                duplicates += reconciliation.duplicates();
                missing += reconciliation.missing();
                records += reconciliation.records();
            }
            Set<String> accounts = emulators.dataverse().rows("accounts").stream()
                    .map(a -> a.path("accountid").asText()).collect(Collectors.toSet());
            long dangling = 0;
            for (String mapping : List.of("CUSTOMER", "VENDOR")) {
                Map<String, Coupling> couplings = worker.store().couplings(profile, mapping);
                dangling += couplings.values().stream().filter(c -> !accounts.contains(c.crmId())).count();
                ReviewLine line = review.lines().stream().filter(l -> l.name().equals(mapping)).findFirst().orElseThrow();
                // every coupling was made by an insert or a match this job counted
                dangling += Math.abs(couplings.size() - (line.counters().inserted() + line.counters().coupled()));
            }
            review.lines().stream().filter(l -> l.message() != null)
                    .forEach(l -> System.out.println("  " + trial.fault() + ": " + l.name() + " " + l.status().label()
                            + ": " + l.message()));
            return new Outcome(trial.fault(), review.status().name(), records, duplicates, missing, dangling, seconds);
        }
    }

    private static void both(Emulators emulators, FaultSettings faults) {
        emulators.bc().configureFaults(faults);
        emulators.dataverse().configureFaults(faults);
    }
}
