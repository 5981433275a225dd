package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs only against a real Temporal server ({@code TEMPORAL_ADDRESS}, started by {@code .ci/run}): the
 * demo end to end through it, then the server's own record of the full sync and its children, and their
 * search attributes, read with the {@code temporal} CLI.
 */
@Tag("devserver")
class DemoOnDevServerTest {

    @Test
    void theDemoFinishesThroughARealServerWhichRecordsTheFullSyncAndItsChildren() throws Exception {
        int exit = new CommandLine(new DemoCommand()).execute("--scale", "2000", "--temporal", DevServer.address());
        assertEquals(0, exit, "every line Finished and the reconciliation holds");

        JsonNode described = DevServer.temporal("workflow", "describe", "--workflow-id", "full-sync/demo");
        assertEquals("WORKFLOW_EXECUTION_STATUS_COMPLETED", described.at("/workflowExecutionInfo/status").asText(),
                described.toString());

        List<String> ids = new ArrayList<>();
        for (JsonNode execution : DevServer.temporal("workflow", "list", "--query", "WorkflowType = 'TableSyncWorkflow'")) {
            if (execution.at("/status").asText().equals("WORKFLOW_EXECUTION_STATUS_COMPLETED")) {
                ids.add(execution.at("/execution/workflowId").asText());
            }
        }
        assertTrue(ids.containsAll(List.of("full-sync/demo/SALESPEOPLE", "full-sync/demo/CURRENCY",
                "full-sync/demo/CUSTOMER")), ids.toString());

        // the typed search attributes let the UI find a profile's syncs by status, and a mapping's runs
        JsonNode finished = DevServer.temporal("workflow", "list", "--query",
                "CrmSyncProfile = 'demo' AND CrmSyncStatus = 'FINISHED'");
        assertTrue(finished.toString().contains("\"full-sync/demo\""), finished.toString());
        JsonNode customerRuns = DevServer.temporal("workflow", "list", "--query", "CrmSyncMapping = 'CUSTOMER'");
        assertTrue(customerRuns.toString().contains("full-sync/demo/CUSTOMER"), customerRuns.toString());
    }
}
