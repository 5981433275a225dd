package org.crmsync.worker;

import com.uber.m3.tally.RootScopeBuilder;
import io.grpc.health.v1.HealthCheckResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.crmsync.workflows.codec.AesGcmCodec;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/**
 * A Temporal client: to the server at an address, or, with none, to an in-process test server on a
 * free port (memory only, no UI; architecture §8). Payloads are encrypted when {@code CRMSYNC_PAYLOAD_KEY}
 * is set.
 */
public final class TemporalConnection implements AutoCloseable {

    public static final String NAMESPACE = "default";
    /** How often the SDK's meters reach the registry; Prometheus scrapes less often than that. */
    private static final int METRICS_EVERY_SECONDS = 5;

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final TestServer.PortBoundTestServer embedded;
    private final String address;

    private TemporalConnection(WorkflowServiceStubs service, TestServer.PortBoundTestServer embedded, String address) {
        this.service = service;
        WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE);
        AesGcmCodec.fromEnvironment().map(AesGcmCodec::dataConverter).ifPresent(options::setDataConverter);
        this.client = WorkflowClient.newInstance(service, options.build());
        this.embedded = embedded;
        this.address = address;
    }

    /** Connects to {@code address} (host:port), or starts the embedded server when it is null or blank. */
    public static TemporalConnection open(String address) {
        return open(address, null);
    }

    /** Likewise, with the SDK's meters (requests, polls, task latencies) reported to {@code metrics} when not null. */
    public static TemporalConnection open(String address, MeterRegistry metrics) {
        TestServer.PortBoundTestServer embedded = null;
        String target = address;
        if (target == null || target.isBlank()) {
            int port = freePort();
            // Real time: the demo and the worker wait on real HTTP calls, not on timers to skip.
            embedded = TestServer.createPortBoundServer(port, true);
            target = "127.0.0.1:" + port;
        }
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
        if (metrics != null) {
            options.setMetricsScope(new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(metrics))
                    .reportEvery(com.uber.m3.util.Duration.ofSeconds(METRICS_EVERY_SECONDS)));
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
        if (embedded != null) {
            registerSearchAttributes(service);
        }
        return new TemporalConnection(service, embedded, target);
    }

    /** The embedded server starts empty; a real one is set up by {@code crmsync temporal init}. */
    private static void registerSearchAttributes(WorkflowServiceStubs service) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                .setNamespace(NAMESPACE).putAllSearchAttributes(CrmSyncSearchAttributes.indexedTypes()).build());
        operator.shutdown();
    }

    /** Whether the server answers gRPC's health check as serving. */
    public HealthCheck health() {
        try {
            HealthCheckResponse.ServingStatus status = service.healthCheck().getStatus();
            return status == HealthCheckResponse.ServingStatus.SERVING ? HealthCheck.up("temporal")
                    : new HealthCheck("temporal", "Temporal at " + address + " answers " + status);
        } catch (RuntimeException e) {
            return new HealthCheck("temporal", "cannot reach Temporal at " + address + " (check temporal.address): "
                    + e.getMessage());
        }
    }

    public WorkflowClient client() {
        return client;
    }

    /** host:port of the server in use. */
    public String address() {
        return address;
    }

    public boolean embedded() {
        return embedded != null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the embedded Temporal server", e);
        }
    }

    @Override
    public void close() {
        service.shutdown();
        if (embedded != null) {
            embedded.close();
        }
    }
}
