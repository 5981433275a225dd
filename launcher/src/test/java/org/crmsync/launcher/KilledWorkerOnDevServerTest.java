package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowQueryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.tablesync.TableSyncProgress;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real server: the worker process is killed with SIGKILL while CUSTOMER is half written; a new
 * worker process takes over once the dead one's activity misses its heartbeat, continues from the last
 * committed page, and the full sync finishes with every customer in Dataverse exactly once.
 */
@Tag("devserver")
class KilledWorkerOnDevServerTest {

    private static final int CUSTOMERS = 20_000;

    @Test
    void aFullSyncWhoseWorkerIsKilledFinishesOnANewWorkerWithNoDuplicateAndNoMissingRecord(@TempDir Path store)
            throws Exception {
        String profile = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        try (Emulators emulators = Emulators.start(new DemoCompany.Options(CUSTOMERS, 3, 0), 0, 0);
             TemporalConnection temporal = TemporalConnection.open(DevServer.address())) {
            WorkflowClient client = temporal.client();
            Process worker = DevServer.workerProcess(profile, emulators, "jdbc:h2:file:" + store.resolve("crmsync"),
                    store.resolve("worker-1.log"));
            try {
                assertEquals(0, DevServer.crmsync("sync", "full", "--profile", profile, "--detach"));
                FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class, "full-sync/" + profile);
                DevServer.await(Duration.ofMinutes(2), "CUSTOMER half written", () -> customersWritten(client, sync) >= CUSTOMERS / 4);

                long writtenBeforeKill = customersWritten(client, sync);
                worker.destroyForcibly(); // SIGKILL: no shutdown hook runs, the activity is cut off mid-page
                assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
                assertTrue(writtenBeforeKill < CUSTOMERS, "killed before CUSTOMER finished: " + writtenBeforeKill);

                worker = DevServer.workerProcess(profile, emulators, "jdbc:h2:file:" + store.resolve("crmsync"),
                        store.resolve("worker-2.log"));
                DevServer.await(Duration.ofMinutes(5), "the full sync to finish on the new worker", () -> ended(sync));
                SyncProgress done = sync.progress();
                assertEquals(SyncStatus.FINISHED, done.status(), done.toString());
                assertTrue(done.lines().stream().allMatch(line -> line.status() == LineStatus.FINISHED), done.toString());
                for (Reconciliation reconciliation : Reconciliation.of(emulators.bcUrl(), emulators.dataverseUrl())) {
                    assertTrue(reconciliation.holds(), reconciliation.toString());
                }
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    /** The sync has stopped running; false too while no worker answers queries yet. */
    private static boolean ended(FullSyncWorkflow sync) {
        try {
            SyncStatus status = sync.progress().status();
            return status != SyncStatus.RUNNING && status != SyncStatus.PLANNING;
        } catch (WorkflowQueryException noWorkerYet) {
            return false;
        }
    }

    /** Customers written so far by the running CUSTOMER table sync; 0 before it started. */
    private static long customersWritten(WorkflowClient client, FullSyncWorkflow sync) {
        ReviewLine customer = sync.progress().lines().stream().filter(line -> line.name().equals("CUSTOMER"))
                .findFirst().orElse(null);
        if (customer == null || customer.childWorkflowId() == null) {
            return 0;
        }
        if (customer.status() == LineStatus.FINISHED) {
            return customer.counters().processed();
        }
        TableSyncProgress progress = client.newWorkflowStub(TableSyncWorkflow.class, customer.childWorkflowId())
                .progress();
        return progress == null ? 0 : progress.counters().processed();
    }

}
