package org.crmsync.workflows.plan;

import java.util.List;

/** The enabled mappings of a profile, in a stable order, with their dependencies and recommendations. */
public record SyncPlan(List<MappingPlan> mappings) {

    public SyncPlan {
        mappings = List.copyOf(mappings);
    }
}
