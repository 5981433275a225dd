package org.crmsync.workflows.plan;

import java.util.List;

/**
 * The enabled mappings of a profile, in a stable order, with their dependencies and recommendations; with the
 * item availability option on, also the line that refreshes the inventory of coupled items after ITEM-PRODUCT.
 */
public record SyncPlan(List<MappingPlan> mappings) {

    /** The name of the line that is not a mapping but BC's Item Availability job (bc-integration.md §2). */
    public static final String ITEM_AVAILABILITY = "ITEM AVAILABILITY";

    public SyncPlan {
        mappings = List.copyOf(mappings);
    }
}
