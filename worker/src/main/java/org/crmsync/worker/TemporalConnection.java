package org.crmsync.worker;

import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
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
        TestServer.PortBoundTestServer embedded = null;
        String target = address;
        if (target == null || target.isBlank()) {
            int port = freePort();
            // Real time: the demo and the worker wait on real HTTP calls, not on timers to skip.
            embedded = TestServer.createPortBoundServer(port, true);
            target = "127.0.0.1:" + port;
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
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
