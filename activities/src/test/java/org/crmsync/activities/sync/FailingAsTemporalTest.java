package org.crmsync.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.failure.v1.Failure;
import io.temporal.client.ActivityCanceledException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.DefaultFailureConverter;
import java.io.IOException;
import java.time.Duration;
import org.crmsync.activities.http.ThrottledFailure;
import org.crmsync.activities.http.TransientFailure;
import org.junit.jupiter.api.Test;

/**
 * What a failing activity tells Temporal. The server keeps a retried activity's last failure for the UI and
 * {@code describe} only below 4 KB, and shows "Failure exceeds size limit." instead of a bigger one.
 */
class FailingAsTemporalTest {

    private static final int TEMPORAL_LIMIT = 4 * 1024;
    private static final String UNAVAILABLE = "Dataverse answered 503 to POST /api/data/v9.2/UpsertMultiple: "
            + "Service Unavailable";

    @Test
    void aServiceErrorDeepInTheHttpClientGoesUpAsItsMessageAndIsRetried() {
        TransientFailure deep = new TransientFailure(UNAVAILABLE, nested(6));

        ApplicationFailure sent = assertThrows(ApplicationFailure.class,
                () -> SyncActivitiesImpl.failingAsTemporal(() -> {
                    throw deep;
                }));

        assertEquals(UNAVAILABLE, sent.getOriginalMessage());
        assertEquals("TransientFailure", sent.getType());
        assertFalse(sent.isNonRetryable());
        assertNull(sent.getCause(), "the HTTP client's causes stay in the worker");
        assertTrue(serializedSize(sent) < TEMPORAL_LIMIT, serializedSize(sent) + " bytes");
        assertTrue(serializedSize(ApplicationFailure.newFailureWithCause(UNAVAILABLE, "TransientFailure", deep))
                > TEMPORAL_LIMIT, "as it went up before, the UI showed no reason");
    }

    @Test
    void aMessageQuotingAWholeErrorPageIsCutShortAndAThrottledCallKeepsItsDelay() {
        String page = "Dataverse answered 502: <html>" + "<p>Bad gateway</p>".repeat(1000) + "</html>";

        ApplicationFailure sent = assertThrows(ApplicationFailure.class,
                () -> SyncActivitiesImpl.failingAsTemporal(() -> {
                    throw new ThrottledFailure(page, Duration.ofSeconds(12));
                }));

        assertTrue(sent.getOriginalMessage().startsWith("Dataverse answered 502: <html><p>Bad gateway"));
        assertTrue(sent.getOriginalMessage().endsWith("…"));
        assertEquals(Duration.ofSeconds(12), sent.getNextRetryDelay());
        assertTrue(serializedSize(sent) < TEMPORAL_LIMIT, serializedSize(sent) + " bytes");
    }

    @Test
    void aCancelledActivityStaysCancelled() {
        ActivityCanceledException cancelled = new ActivityCanceledException();

        assertSame(cancelled, assertThrows(ActivityCanceledException.class,
                () -> SyncActivitiesImpl.failingAsTemporal(() -> {
                    throw cancelled;
                })));
    }

    /** An exception {@code depth} causes deep, each thrown from a deep stack, as Netty's are. */
    private static Throwable nested(int depth) {
        Throwable cause = new IOException("Connection reset by peer");
        for (int i = 0; i < depth; i++) {
            cause = deepStack(40, new RuntimeException("layer " + i + " of the HTTP client", cause));
        }
        return cause;
    }

    private static Throwable deepStack(int frames, Throwable thrown) {
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = new StackTraceElement("io.micronaut.http.client.netty.DefaultHttpClient$Stage" + i, "exchange",
                    "DefaultHttpClient.java", 600 + i);
        }
        thrown.setStackTrace(stack);
        return thrown;
    }

    private static int serializedSize(ApplicationFailure failure) {
        Failure proto = new DefaultFailureConverter().exceptionToFailure(failure, DefaultDataConverter.STANDARD_INSTANCE);
        return proto.getSerializedSize();
    }
}
