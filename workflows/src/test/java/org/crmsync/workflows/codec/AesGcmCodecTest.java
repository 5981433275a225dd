package org.crmsync.workflows.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.sync.ItemAvailabilityRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.tablesync.TableSyncResult;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;
import org.crmsync.workflows.tablesync.TableSyncWorkflowImpl;
import org.junit.jupiter.api.Test;

class AesGcmCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String PROFILE = "contoso-production";

    private static Payload json(String text) {
        return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(text)).build();
    }

    @Test
    void aPayloadComesBackAsItWasAndTravelsAsCiphertextWithItsMetadataHidden() {
        AesGcmCodec codec = new AesGcmCodec(KEY);
        Payload plain = json("{\"profile\":\"" + PROFILE + "\"}");
        Payload sealed = codec.encode(List.of(plain)).get(0);

        assertEquals(AesGcmCodec.ENCODING, sealed.getMetadataMap().get("encoding").toStringUtf8());
        assertFalse(sealed.toByteString().toStringUtf8().contains(PROFILE));
        assertFalse(sealed.toByteString().toStringUtf8().contains("json/plain"));
        assertEquals(plain, codec.decode(List.of(sealed)).get(0));
        assertFalse(sealed.equals(codec.encode(List.of(plain)).get(0)), "a fresh IV each time");
    }

    @Test
    void anAlteredPayloadOrAnotherKeyIsRefusedNamingTheVariable() {
        Payload sealed = new AesGcmCodec(KEY).encode(List.of(json("{}"))).get(0);
        byte[] bytes = sealed.getData().toByteArray();
        bytes[bytes.length - 1] ^= 1;
        Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(bytes)).build();

        PayloadCodecException tampered = assertThrows(PayloadCodecException.class,
                () -> new AesGcmCodec(KEY).decode(List.of(altered)));
        assertTrue(tampered.getMessage().contains(AesGcmCodec.KEY_VARIABLE));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThrows(PayloadCodecException.class, () -> new AesGcmCodec(otherKey).decode(List.of(sealed)));
        assertThrows(IllegalArgumentException.class, () -> new AesGcmCodec(new byte[10]));
    }

    @Test
    void payloadsWrittenBeforeTheKeyWasSetStillRead() {
        Payload plain = json("{}");
        assertEquals(plain, new AesGcmCodec(KEY).decode(List.of(plain)).get(0));
    }

    /** One chunk that names the profile in its result, so that the history would show it unencrypted. */
    static final class OneChunk implements SyncActivities {
        @Override
        public SyncPlan plan(PlanRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobCounters refreshItemAvailability(ItemAvailabilityRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SyncChunkResult syncChunk(SyncChunkRequest request) {
            Activity.getExecutionContext().heartbeat(request.profile());
            return new SyncChunkResult(request.profile() + "/page-1", true, new JobCounters(3, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void aWorkflowRunsThroughTheCodecAndItsHistoryHoldsNoPlaintext() {
        DataConverter converter = new AesGcmCodec(KEY).dataConverter();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build())) {
            Worker worker = env.newWorker("crmsync");
            worker.registerWorkflowImplementationTypes(TableSyncWorkflowImpl.class);
            worker.registerActivitiesImplementations(new OneChunk());
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            TableSyncResult result = client.newWorkflowStub(TableSyncWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId("encrypted").setTaskQueue("crmsync").build())
                    .run(TableSyncRequest.start(PROFILE, "CUSTOMER", Direction.TO_INTEGRATION_TABLE, "job", true, false));

            assertEquals(3, result.counters().inserted(), "the workflow ran normally");
            int payloads = 0;
            for (HistoryEvent event : client.fetchHistory("encrypted").getEvents()) {
                String raw = new String(event.toByteArray(), StandardCharsets.ISO_8859_1);
                assertFalse(raw.contains(PROFILE), "event " + event.getEventId() + " " + event.getEventType());
                payloads += raw.contains(AesGcmCodec.ENCODING) ? 1 : 0;
            }
            assertTrue(payloads >= 3, "input, activity arguments and results are encrypted: " + payloads);
        }
    }
}
