package org.crmsync.workflows.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency filters of a set of mappings as a graph. Pure and deterministic, so workflow code
 * may use it.
 *
 * <p>As in Business Central, a parent named in a dependency filter that is not part of the plan is
 * ignored (bc-integration.md §5, step 2).
 */
public final class DependencyGraph {

    private final Map<String, List<String>> parents = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    public DependencyGraph(List<MappingPlan> mappings) {
        for (MappingPlan mapping : mappings) {
            if (parents.containsKey(mapping.name())) {
                throw new IllegalArgumentException("mapping " + mapping.name() + " is planned twice");
            }
            parents.put(mapping.name(), new ArrayList<>());
            children.put(mapping.name(), new ArrayList<>());
        }
        for (MappingPlan mapping : mappings) {
            for (String parent : mapping.dependsOn()) {
                if (parents.containsKey(parent)) {
                    parents.get(mapping.name()).add(parent);
                    children.get(parent).add(mapping.name());
                }
            }
        }
        List<String> cycle = findCycle();
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException("the dependency filters form a cycle: " + String.join(" → ", cycle));
        }
    }

    /** The known parents of a mapping. */
    public List<String> parentsOf(String mapping) {
        return List.copyOf(parents.getOrDefault(mapping, List.of()));
    }

    /** Every mapping that depends on {@code mapping}, directly or through others, in plan order. */
    public List<String> dependentsOf(String mapping) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(children.getOrDefault(mapping, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.removeFirst();
            if (seen.add(next)) {
                todo.addAll(children.get(next));
            }
        }
        return parents.keySet().stream().filter(seen::contains).toList();
    }

    /** Mappings in plan order such that every mapping comes after all of its parents. */
    public List<String> topologicalOrder() {
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (order.size() < parents.size()) {
            for (String name : parents.keySet()) {
                if (!placed.contains(name) && placed.containsAll(parents.get(name))) {
                    order.add(name);
                    placed.add(name);
                }
            }
        }
        return order;
    }

    private List<String> findCycle() {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on stack, 2: done
        for (String start : parents.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private List<String> visit(String node, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String parent : parents.get(node)) {
            List<String> cycle = visit(parent, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
