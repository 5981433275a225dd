package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.UserEdits;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.worker.CrmSyncWorker;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.workflows.setup.SalespersonMatch;
import org.crmsync.workflows.setup.SetupWorkflow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real server, through the command line: the setup guide asks about unmatched salespeople and takes
 * the answer, a full sync runs, a profile's schedule is created, and the incremental sync the schedule
 * runs carries an edit made in Business Central to Dataverse.
 */
@Tag("devserver")
class ScheduleOnDevServerTest {

    @Test
    void aScheduleCreatedByTheCliRunsAnIncrementalSyncThatPicksUpAnEditInBusinessCentral(@TempDir Path store)
            throws Exception {
        String profile = "schedule-" + UUID.randomUUID().toString().substring(0, 8);
        try (Emulators emulators = Emulators.start(new DemoCompany.Options(200, 11, 0), 0, 0);
             TemporalConnection temporal = TemporalConnection.open(DevServer.address());
             CrmSyncWorker ignored = CrmSyncWorker.start(temporal.client(),
                     DevServer.workerSettings(profile, emulators, store))) {
            assertEquals(1, DevServer.crmsync("setup", "start", "--profile", profile, "--no-full-sync"),
                    "the guide stops to ask about the salespeople no CRM user has the e-mail of");
            List<String> unmatched = temporal.client().newWorkflowStub(SetupWorkflow.class, "setup/" + profile).progress()
                    .salespeople().unmatched().stream().map(SalespersonMatch.Salesperson::code).toList();
            assertEquals(0, DevServer.crmsync("setup", "couple-salespersons", "--profile", profile, "--skip",
                    String.join(",", unmatched)));
            assertEquals(0, DevServer.crmsync("sync", "full", "--profile", profile));
            assertEquals(2, DevServer.crmsync("sync", "resume", "--profile", profile),
                    "a finished sync has nothing to resume");

            ObjectNode customer = emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .filter(row -> row.path("blocked").asText().isBlank()).findFirst().orElseThrow();
            String number = customer.path("number").asText();
            String newName = "Renamed for the schedule " + number;
            new UserEdits(emulators.bcUrl()).edit("customers", customer.path("id").asText(),
                    Map.of("displayName", newName));

            assertEquals(0, DevServer.crmsync("schedule", "enable", "--profile", profile, "--every", "3s"));
            try {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
                while (!accountNamed(emulators, number, newName)) {
                    assertTrue(Instant.now().isBefore(deadline), "the scheduled incremental sync did not carry the edit");
                    Thread.sleep(500);
                }
                JsonNode runs = DevServer.temporal("workflow", "list", "--query",
                        "WorkflowType = 'IncrementalSyncWorkflow' AND CrmSyncProfile = '" + profile + "'");
                assertTrue(runs.size() >= 1 && runs.get(0).at("/execution/workflowId").asText()
                        .startsWith("incremental/" + profile), runs.toString());
                assertEquals(0, DevServer.crmsync("schedule", "status", "--profile", profile));
                assertEquals(0, DevServer.crmsync("errors", "--profile", profile, "--mapping", "CUSTOMER"));
            } finally {
                DevServer.crmsync("schedule", "disable", "--profile", profile);
            }
        }
    }

    private static boolean accountNamed(Emulators emulators, String number, String name) {
        return emulators.dataverse().rows("accounts").stream()
                .anyMatch(account -> account.path("accountnumber").asText().equals(number)
                        && account.path("name").asText().equals(name));
    }
}
