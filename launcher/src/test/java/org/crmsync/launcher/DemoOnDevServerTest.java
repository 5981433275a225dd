package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs only against a real Temporal server ({@code TEMPORAL_ADDRESS}, started by {@code .ci/run}): the
 * demo end to end through it, then the server's own record of the full sync and its children, read with
 * the {@code temporal} CLI.
 */
@Tag("devserver")
class DemoOnDevServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String address() {
        String address = System.getenv("TEMPORAL_ADDRESS");
        if (address == null || address.isBlank()) {
            throw new IllegalStateException("the devserver suite needs TEMPORAL_ADDRESS (run it through .ci/run)");
        }
        return address;
    }

    @Test
    void theDemoFinishesThroughARealServerWhichRecordsTheFullSyncAndItsChildren() throws Exception {
        int exit = new CommandLine(new DemoCommand()).execute("--scale", "2000", "--temporal", address());
        assertEquals(0, exit, "every line Finished and the reconciliation holds");

        JsonNode described = temporal("workflow", "describe", "--workflow-id", "full-sync/demo");
        assertEquals("WORKFLOW_EXECUTION_STATUS_COMPLETED", described.at("/workflowExecutionInfo/status").asText(),
                described.toString());

        List<String> ids = new ArrayList<>();
        for (JsonNode execution : temporal("workflow", "list", "--query", "WorkflowType = 'TableSyncWorkflow'")) {
            if (execution.at("/status").asText().equals("WORKFLOW_EXECUTION_STATUS_COMPLETED")) {
                ids.add(execution.at("/execution/workflowId").asText());
            }
        }
        assertTrue(ids.containsAll(List.of("full-sync/demo/SALESPEOPLE", "full-sync/demo/CURRENCY",
                "full-sync/demo/CUSTOMER")), ids.toString());
    }

    /** Runs the Temporal CLI against the suite's server and parses its JSON output. */
    private static JsonNode temporal(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("temporal"));
        command.addAll(List.of(args));
        command.addAll(List.of("--address", address(), "--output", "json"));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + err);
        String trimmed = out.trim();
        // list prints one JSON document per execution, or an array, depending on the CLI version
        return JSON.readTree(trimmed.startsWith("{") && trimmed.contains("}\n{") ? "[" + trimmed.replace("}\n{", "},{") + "]"
                : trimmed.isEmpty() ? "[]" : trimmed);
    }
}
