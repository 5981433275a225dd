package org.crmsync.workflows.plan;

import java.util.List;

/**
 * One integration table mapping as the full sync sees it.
 *
 * @param dependsOn     the mapping's dependency filter: names of the mappings that must finish first
 * @param sourceRecords how many records the source side holds, for progress; -1 when unknown
 */
public record MappingPlan(
        String name,
        Direction direction,
        List<String> dependsOn,
        Recommendation recommendation,
        long sourceRecords) {

    public MappingPlan {
        dependsOn = List.copyOf(dependsOn);
    }
}
