package org.crmsync.workflows.plan;

import java.util.List;

/** Direction of an integration table mapping, as Business Central names it. */
public enum Direction {
    /** Business Central → Dataverse. */
    TO_INTEGRATION_TABLE("BC→CRM"),
    /** Dataverse → Business Central. */
    FROM_INTEGRATION_TABLE("CRM→BC"),
    BIDIRECTIONAL("BC↔CRM");

    private final String arrow;

    Direction(String arrow) {
        this.arrow = arrow;
    }

    public String arrow() {
        return arrow;
    }

    /** The one-way passes a sync of this direction runs, in BC's order: BC→CRM first, then CRM→BC. */
    public List<Direction> passes() {
        return this == BIDIRECTIONAL ? List.of(TO_INTEGRATION_TABLE, FROM_INTEGRATION_TABLE) : List.of(this);
    }
}
