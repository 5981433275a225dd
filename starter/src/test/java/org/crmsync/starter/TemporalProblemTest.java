package org.crmsync.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command against a Temporal server it cannot use says what to do, as a user reads it, without a stack trace. */
class TemporalProblemTest {

    @Test
    void aServerThatIsNotThereIsNamedWithTheSettingThatPointsAtIt() throws Exception {
        String address = "127.0.0.1:" + freePort();
        Run status = run("status", "--profile", "p", "--temporal", address);

        assertEquals(2, status.exitCode(), status.err());
        assertTrue(status.err().startsWith("crmsync: cannot reach the Temporal server at " + address + " ("),
                status.err());
        assertTrue(status.err().contains("Connection refused"), status.err());
        assertTrue(status.err().contains("point --temporal or TEMPORAL_ADDRESS at the right one"), status.err());
        assertFalse(status.err().contains("\tat "), "no stack trace: " + status.err());
    }

    @Test
    void aServerWithoutTheSearchAttributesSaysToRunTemporalInitAndWithThemTheSyncStarts() throws Exception {
        int port = freePort();
        try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
            String address = "127.0.0.1:" + port;

            Run refused = run("sync", "full", "--profile", "p", "--detach", "--temporal", address);
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().startsWith("crmsync: the Temporal server at " + address
                    + " lacks crmsync's search attributes"), refused.err());
            assertTrue(refused.err().contains("run `crmsync temporal init --temporal " + address + "` once"),
                    refused.err());

            // what `crmsync temporal init` adds; the test server lacks the listing it asks for first
            OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                    .setTarget(address).validateAndBuildWithDefaults());
            operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder().setNamespace("default")
                    .putAllSearchAttributes(CrmSyncSearchAttributes.indexedTypes()).build());
            operator.shutdown();
            Run started = run("sync", "full", "--profile", "p", "--detach", "--temporal", address);
            assertEquals(0, started.exitCode(), started.err());
        }
    }

    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = CrmSyncCommand.configured(new CommandLine(new CrmSyncCommand()));
        line.setErr(new PrintWriter(err, true));
        int exitCode = line.execute(args);
        return new Run(exitCode, err.toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
