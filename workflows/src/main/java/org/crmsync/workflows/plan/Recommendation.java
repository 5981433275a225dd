package org.crmsync.workflows.plan;

/** The initial synchronization recommendation of a full synch. review line (bc-integration.md §5). */
public enum Recommendation {
    FULL_SYNCHRONIZATION("Full"),
    COUPLE_RECORDS("Couple"),
    NO_RECORDS_FOUND("No records");

    private final String label;

    Recommendation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
