package org.crmsync.activities.sync;

import java.util.Arrays;
import java.util.List;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;

/**
 * An integration table mapping: its tables and filters on both sides, its direction and dependency
 * filter, and the pass that synchronizes it.
 *
 * @param dependencyFilter parent mappings separated by {@code |}, exactly as BC writes it
 */
record MappingDefinition(String name, Direction direction, String dependencyFilter,
                         String bcEntitySet, String bcFilter,
                         String crmEntitySet, String crmKey, String crmFilter,
                         PassFactory pass) {

    /** Builds the pass of a chunk: reads the lookups it needs once, up front. */
    interface PassFactory {
        TablePass open(Connectors connectors, IntegrationStore store);
    }

    List<String> dependsOn() {
        return dependencyFilter.isEmpty() ? List.of()
                : Arrays.stream(dependencyFilter.split("\\|")).map(String::trim).toList();
    }
}
