package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.activities.profile.ConnectionProfile;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker process's health and metrics endpoints, read over HTTP as a container probe and Prometheus would. */
class WorkerOperationsOverHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path store;

    @Test
    void theMetricsCountWhatAFullSyncDidAndTheHealthIsUpWhileItRuns() throws Exception {
        try (Emulators emulators = Emulators.start(20, 7, 0, 0);
             WorkerApplication worker = WorkerApplication.start(settings(emulators, ""))) {
            HttpResponse<String> health = get(worker, "/health");
            assertEquals(200, health.statusCode(), health.body());
            JsonNode checks = JSON.readTree(health.body()).path("checks");
            assertEquals("UP", checks.path("temporal").asText());
            assertEquals("UP", checks.path("worker").asText());
            assertEquals("UP", checks.path("store").asText());

            FullSyncWorkflow sync = worker.client().newWorkflowStub(FullSyncWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.fullSync("ops")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
            WorkflowClient.start(sync::run, SyncRequest.of("ops"));
            SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);
            assertEquals(SyncStatus.FINISHED, result.status());

            String metrics = get(worker, "/metrics").body();
            long customersInserted = SyncOverHttp.line(result, "CUSTOMER").counters().inserted();
            assertTrue(customersInserted > 0);
            assertEquals(customersInserted, sample(metrics, "crmsync_records_total", "mapping=\"CUSTOMER\"",
                    "outcome=\"inserted\"", "profile=\"ops\"", "direction=\"TO_INTEGRATION_TABLE\""), metrics);
            assertTrue(sample(metrics, "crmsync_chunk_seconds_count", "mapping=\"CUSTOMER\"") >= 1, metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes"), "the JVM's meters");
            assertTrue(sample(metrics, "hikaricp_connections_max", "pool=\"crmsync-store\"") >= 1, "the store's pool");
            assertFalse(metrics.contains(TokenService.DEMO_CLIENT_SECRET), "no secret in any label");
            // the SDK reports to the registry every few seconds
            Instant deadline = Instant.now().plusSeconds(20);
            while (!get(worker, "/metrics").body().contains("temporal_activity_execution_latency_seconds")) {
                assertTrue(Instant.now().isBefore(deadline), "the Temporal SDK's meters never arrived");
                Thread.sleep(250);
            }
        }
    }

    @Test
    void whenTemporalGoesAwayTheHealthIs503AndSaysWhichSettingPointsAtIt() throws Exception {
        int port = freePort();
        TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port, true);
        try (Emulators emulators = Emulators.start(10, 7, 0, 0);
             WorkerApplication worker = WorkerApplication.start(settings(emulators, "127.0.0.1:" + port))) {
            assertEquals(200, get(worker, "/health").statusCode());

            temporal.close();

            HttpResponse<String> health = get(worker, "/health");
            assertEquals(503, health.statusCode(), health.body());
            JsonNode body = JSON.readTree(health.body());
            assertEquals("DOWN", body.path("status").asText());
            String why = body.path("checks").path("temporal").asText();
            assertTrue(why.startsWith("DOWN: cannot reach Temporal at 127.0.0.1:" + port + " (check temporal.address)"),
                    why);
            assertEquals("UP", body.path("checks").path("store").asText(), "the parts that are up say so");
            assertEquals(405, HTTP.send(HttpRequest.newBuilder(uri(worker, "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            temporal.close();
        }
    }

    private WorkerSettings settings(Emulators emulators, String temporalAddress) {
        ConnectionProfile profile = SyncOverHttp.profile(emulators, "ops", TokenService.DEMO_CLIENT_SECRET);
        Map<String, Object> settings = new HashMap<>(WorkerSettings.profileProperties("ops", profile));
        settings.put("temporal.address", temporalAddress);
        settings.put("crmsync.store.url", "jdbc:h2:file:" + store.resolve("store"));
        settings.put(WorkerSettings.HTTP_PORT, 0);
        settings.put("crmsync.worker.http-host", "127.0.0.1");
        return WorkerSettings.of(settings);
    }

    /** The value of the one sample of {@code metric} whose labels include every one of {@code labels}. */
    private static long sample(String metrics, String metric, String... labels) {
        Matcher line = Pattern.compile("(?m)^" + metric + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (line.find()) {
            String found = line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return (long) Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no sample of " + metric + " with " + String.join(", ", labels));
    }

    private static HttpResponse<String> get(WorkerApplication worker, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(worker, path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(WorkerApplication worker, String path) {
        return URI.create("http://127.0.0.1:" + worker.operationsPort() + path);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
