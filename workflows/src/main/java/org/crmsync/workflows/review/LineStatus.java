package org.crmsync.workflows.review;

/** Status of a full synch. review line. */
public enum LineStatus {
    /** Not started: waiting for its parents or for a free slot. */
    WAITING("Waiting"),
    IN_PROCESS("In Process"),
    FINISHED("Finished"),
    /** Neither side has records: nothing to do, and dependents may start. */
    NO_RECORDS("No Records"),
    ERROR("Error"),
    /** A parent is in error: this line waits for a resume. */
    BLOCKED("Blocked");

    private final String label;

    LineStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Dependents of a line in this status may start. */
    public boolean letsDependentsStart() {
        return this == FINISHED || this == NO_RECORDS;
    }

    public boolean needsAttention() {
        return this == ERROR || this == BLOCKED;
    }
}
