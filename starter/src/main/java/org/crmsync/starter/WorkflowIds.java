package org.crmsync.starter;

import java.util.UUID;
import org.crmsync.workflows.records.RecordToolsRequest;

/** Workflow ids are business keys (architecture §7), so a second start of the same thing cannot slip through. */
public final class WorkflowIds {

    public static final String TASK_QUEUE = "crmsync";

    private WorkflowIds() {
    }

    public static String fullSync(String profile) {
        return "full-sync/" + profile;
    }

    /** The schedule's id, and the prefix of its runs' ids (Temporal appends the scheduled time). */
    public static String incremental(String profile) {
        return "incremental/" + profile;
    }

    /** Coupling tools may run side by side, so each run gets an id of its own. */
    public static String recordTools(String profile, RecordToolsRequest.Action action) {
        return "records/" + profile + "/" + action.slug() + "/" + UUID.randomUUID();
    }
}
