package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real server and the PostgreSQL store ({@code CRMSYNC_TEST_POSTGRES_URL}, as {@code .ci/run} sets
 * it): two worker processes on one task queue share a full sync, each running some of its chunks, and
 * end where one worker alone ends on an identical company.
 */
@Tag("devserver")
class HorizontalWorkersOnDevServerTest {

    private static final DemoCompany.Options COMPANY = new DemoCompany.Options(10_000, 5, 0.1);

    @Test
    void twoWorkerProcessesShareAFullSyncAndEndWhereASingleWorkerEnds(@TempDir Path logs) throws Exception {
        String store = System.getenv("CRMSYNC_TEST_POSTGRES_URL");
        if (store == null || store.isBlank()) {
            throw new IllegalStateException("workers on several processes share a PostgreSQL store: set "
                    + "CRMSYNC_TEST_POSTGRES_URL (.ci/run does)");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Emulators alone = Emulators.start(COMPANY, 0, 0);
             Emulators shared = Emulators.start(COMPANY, 0, 0);
             TemporalConnection temporal = TemporalConnection.open(DevServer.address())) {
            WorkflowClient client = temporal.client();
            String one = "one-worker-" + run;
            String two = "two-workers-" + run;

            Process single = DevServer.workerProcess(one, alone, store, logs.resolve("single.log"));
            DevServer.awaitPolling(logs.resolve("single.log"));
            try {
                assertEquals(0, DevServer.crmsync("sync", "full", "--profile", one));
            } finally {
                DevServer.stop(single);
            }
            Process first = DevServer.workerProcess(two, shared, store, logs.resolve("first.log"));
            Process second = DevServer.workerProcess(two, shared, store, logs.resolve("second.log"));
            DevServer.awaitPolling(logs.resolve("first.log"));
            DevServer.awaitPolling(logs.resolve("second.log"));
            try {
                assertEquals(0, DevServer.crmsync("sync", "full", "--profile", two));

                SyncProgress together = client.newWorkflowStub(FullSyncWorkflow.class, "full-sync/" + two).progress();
                Set<String> workers = new HashSet<>();
                for (ReviewLine line : together.lines()) {
                    if (line.childWorkflowId() != null) {
                        workers.addAll(activityWorkers(client, line.childWorkflowId()));
                    }
                }
                assertEquals(2, workers.size(), "both processes ran chunks: " + workers);

                SyncProgress apart = client.newWorkflowStub(FullSyncWorkflow.class, "full-sync/" + one).progress();
                assertEquals(counters(apart), counters(together), "the same review, line by line");
                assertEquals(accounts(alone), accounts(shared), "the same accounts, field by field");
            } finally {
                DevServer.stop(first, second);
            }
        }
    }

    /** The identities of the workers that started the activities of a workflow. */
    private static Set<String> activityWorkers(WorkflowClient client, String workflowId) {
        Set<String> identities = new HashSet<>();
        for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
                identities.add(event.getActivityTaskStartedEventAttributes().getIdentity());
            }
        }
        return identities;
    }

    private static Map<String, String> counters(SyncProgress progress) {
        Map<String, String> byMapping = new TreeMap<>();
        progress.lines().forEach(line -> byMapping.put(line.name(), line.status() + " " + line.counters()));
        return byMapping;
    }

    /** Accounts by number, with the columns the sync writes; ids, stamps and versions aside. */
    private static Map<String, String> accounts(Emulators emulators) {
        Map<String, String> byNumber = new TreeMap<>();
        for (ObjectNode account : emulators.dataverse().rows("accounts")) {
            ObjectNode copy = account.deepCopy();
            copy.remove(List.of("accountid", "createdon", "modifiedon", "versionnumber", "@odata.etag",
                    "_modifiedby_value", "_createdby_value"));
            byNumber.put(account.path("accountnumber").asText() + "/" + account.path("customertypecode").asText(),
                    copy.toString());
        }
        return byNumber;
    }
}
