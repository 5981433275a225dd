package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.worker.TemporalConnection;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * After the rest of the dev-server suite, whose workers held the emulators' client secrets: no workflow
 * history on the server holds one, in any payload, memo, search attribute or failure.
 */
@Tag("devserver")
@Order(Integer.MAX_VALUE)
class SecretsInHistoriesOnDevServerTest {

    private static final List<String> SECRETS = List.of(TokenService.DEMO_CLIENT_SECRET, Emulators.ADMIN_CLIENT_SECRET);

    @Test
    void noHistoryOnTheServerHoldsASecret() {
        try (TemporalConnection temporal = TemporalConnection.open(DevServer.address())) {
            WorkflowClient client = temporal.client();
            List<String> leaks = new ArrayList<>();
            int histories = 0;
            int controls = 0;
            for (WorkflowExecutionMetadata execution : client.listExecutions("").toList()) {
                histories++;
                String workflowId = execution.getExecution().getWorkflowId();
                for (HistoryEvent event : client.fetchHistory(workflowId, execution.getExecution().getRunId())
                        .getEvents()) {
                    // payloads are raw bytes in the protobuf encoding, so the secret would appear as it is
                    String raw = new String(event.toByteArray(), StandardCharsets.ISO_8859_1);
                    SECRETS.stream().filter(raw::contains)
                            .forEach(secret -> leaks.add(workflowId + " event " + event.getEventId()));
                    if (raw.contains("\"profile\":\"demo\"")) {
                        controls++;
                    }
                }
            }
            assertTrue(histories >= 20, "the suite ran the demo, a schedule, a SIGKILL and two workers first: "
                    + histories + " histories");
            assertTrue(controls > 0, "the scan sees into payloads: the demo's inputs name its profile");
            assertEquals(List.of(), leaks);
            System.out.println("Scanned " + histories + " workflow histories for the client secrets: none found");
        }
    }
}
