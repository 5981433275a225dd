package org.crmsync.workflows.setup;

/** The setup guide's steps, in order (architecture §4). */
public enum SetupStep {
    CHECK_CONNECTION("Check the connections"),
    CHECK_ROLES("Check the integration solution and roles"),
    DEFAULT_MAPPINGS("Set the options, write the default mappings"),
    COUPLE_SALESPEOPLE("Couple salespeople with CRM users"),
    FULL_SYNC("Start the full synchronization");

    private final String label;

    SetupStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
