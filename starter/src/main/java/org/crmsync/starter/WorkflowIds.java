package org.crmsync.starter;

/** Workflow ids are business keys (architecture §7), so a second start of the same thing cannot slip through. */
public final class WorkflowIds {

    public static final String TASK_QUEUE = "crmsync";

    private WorkflowIds() {
    }

    public static String fullSync(String profile) {
        return "full-sync/" + profile;
    }
}
