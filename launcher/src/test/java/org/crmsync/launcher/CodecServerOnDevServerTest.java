package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.crmsync.starter.CodecServer;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.codec.AesGcmCodec;
import org.crmsync.workflows.review.SyncRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Temporal CLI, pointed at `crmsync codec-server`, shows what the workers encrypted. */
@Tag("devserver")
class CodecServerOnDevServerTest {

    private static final byte[] KEY = "the workers' key of 32 bytes....".getBytes();

    @Test
    void theTemporalCliReadsAnEncryptedHistoryThroughTheCodecServer() throws Exception {
        AesGcmCodec codec = new AesGcmCodec(KEY);
        String profile = "codec-check-" + System.nanoTime();
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(DevServer.address()).build());
        try (CodecServer codecServer = CodecServer.start(codec, 0, List.of("http://localhost:8233"))) {
            WorkflowClient client = WorkflowClient.newInstance(service,
                    WorkflowClientOptions.newBuilder().setDataConverter(codec.dataConverter()).build());
            // a task queue no worker polls: the started event with its input is all the history needed
            WorkflowStub sync = client.newUntypedWorkflowStub("FullSyncWorkflow", WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.fullSync(profile)).setTaskQueue("codec-check").build());
            sync.start(new SyncRequest(profile, 2));
            try {
                JsonNode stored = input(DevServer.temporal("workflow", "show", "--workflow-id",
                        WorkflowIds.fullSync(profile)));
                assertEquals("binary/encrypted", text(stored.path("metadata").path("encoding")),
                        "the server holds ciphertext: " + stored);

                JsonNode shown = input(DevServer.temporal("workflow", "show", "--workflow-id",
                        WorkflowIds.fullSync(profile), "--codec-endpoint", codecServer.url()));
                assertEquals("json/plain", text(shown.path("metadata").path("encoding")), shown.toString());
                assertEquals("{\"profile\":\"" + profile + "\",\"maxParallel\":2}", text(shown.path("data")),
                        "the input, decrypted by the codec server");
            } finally {
                sync.terminate("the codec check is done");
            }
        } finally {
            service.shutdown();
        }
    }

    /** The workflow's input as the CLI printed it: a payload in proto3 JSON. */
    private static JsonNode input(JsonNode history) {
        return history.path("events").path(0).path("workflowExecutionStartedEventAttributes").path("input")
                .path("payloads").path(0);
    }

    /** A proto3 JSON bytes field, which is Base64, as text. */
    private static String text(JsonNode bytes) {
        return new String(Base64.getDecoder().decode(bytes.asText()), StandardCharsets.UTF_8);
    }
}
