package org.crmsync.workflows;

/**
 * Workflow ids are business keys (architecture §7), so a second start of the same thing cannot slip through.
 * One definition for the command line, the demo and the workflows that start others.
 */
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

    public static String setup(String profile) {
        return "setup/" + profile;
    }
}
