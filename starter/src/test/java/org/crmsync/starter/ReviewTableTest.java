package org.crmsync.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;

/** What `crmsync sync status` and the demo tell a user about a sync that stopped. */
class ReviewTableTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aSyncWhosePlanFailedIsReportedWithItsReasonAndTheResumeThatPlansAgain() {
        SyncProgress progress = new SyncProgress(SyncStatus.NEEDS_ATTENTION, List.of(),
                "authentication failed: set CRMSYNC_DATAVERSE_CLIENT_SECRET (invalid_client)");

        int exitCode = ReviewTable.report(out, "full-sync/demo", progress);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, exitCode);
        assertTrue(text.contains("The plan failed, so nothing has run yet: authentication failed: set "
                + "CRMSYNC_DATAVERSE_CLIENT_SECRET"), text);
        assertTrue(text.contains("`crmsync sync resume` plans again"), text);
        assertFalse(text.contains("Mapping"), "no empty review table: " + text);
    }

    @Test
    void aSyncWithAFailedMappingShowsTheTableAndPointsAtTheErrors() {
        ReviewLine failed = new ReviewLine("CUSTOMER", Direction.TO_INTEGRATION_TABLE, List.of("CURRENCY"),
                Recommendation.FULL_SYNCHRONIZATION, 12, LineStatus.ERROR, "job-1", 1, "table-sync/demo/CUSTOMER",
                JobCounters.ZERO, "the Dataverse service could not be reached", 1_000, 2_000);
        SyncProgress progress = new SyncProgress(SyncStatus.NEEDS_ATTENTION, List.of(failed), null);

        int exitCode = ReviewTable.report(out, "full-sync/demo", progress);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, exitCode);
        assertTrue(text.contains("CUSTOMER") && text.contains("the Dataverse service could not be reached"), text);
        assertTrue(text.contains("See why with `crmsync errors`"), text);
        assertFalse(text.contains("The plan failed"), text);
    }

    @Test
    void aFinishedSyncAsksNothingOfTheUser() {
        int exitCode = ReviewTable.report(out, "full-sync/demo", new SyncProgress(SyncStatus.FINISHED, List.of(), null));

        assertEquals(0, exitCode);
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("resume"));
    }
}
