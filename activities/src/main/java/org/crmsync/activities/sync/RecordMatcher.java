package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;

/**
 * Match-based coupling (bc-integration.md §7): the match fields are tried a priority group at a time; a
 * record couples with the one destination row whose values all agree (blank values are not compared),
 * and nothing when no row, several rows, or an already coupled row agrees.
 */
final class RecordMatcher {

    private final List<List<FieldMapping>> groups;
    private final boolean toCrm;
    private final List<Map<String, List<String>>> indexes = new ArrayList<>();
    private final Set<String> coupledDestinationIds;

    /**
     * @param toCrm                 whether the destination is Dataverse (else Business Central)
     * @param destinationRows       the destination rows to match against, with their match columns
     * @param destinationId         the destination's primary key column
     * @param coupledDestinationIds destination rows already coupled; a match joins them
     */
    RecordMatcher(TableMapping mapping, boolean toCrm, List<ObjectNode> destinationRows, String destinationId,
                  Set<String> coupledDestinationIds) {
        this.groups = mapping.matchGroups();
        this.toCrm = toCrm;
        this.coupledDestinationIds = coupledDestinationIds;
        for (List<FieldMapping> group : groups) {
            Map<String, List<String>> index = new HashMap<>();
            for (ObjectNode row : destinationRows) {
                String key = key(group, row, !toCrm);
                if (key != null) {
                    index.computeIfAbsent(key, k -> new ArrayList<>()).add(row.path(destinationId).asText());
                }
            }
            indexes.add(index);
        }
    }

    /** Columns to read from the destination so that its rows can be matched. */
    static String destinationColumns(TableMapping mapping, boolean toCrm) {
        return String.join(",", mapping.matchGroups().stream().flatMap(List::stream)
                .map(field -> toCrm ? field.crmField() : field.bcField()).distinct().toList());
    }

    /** The destination row {@code source} couples with, now marked coupled; null when there is none. */
    String match(ObjectNode source) {
        for (int i = 0; i < groups.size(); i++) {
            String key = key(groups.get(i), source, toCrm);
            List<String> candidates = key == null ? List.of() : indexes.get(i).getOrDefault(key, List.of());
            if (candidates.size() == 1 && coupledDestinationIds.add(candidates.get(0))) {
                return candidates.get(0);
            }
        }
        return null;
    }

    /** The group's values of {@code row} as one key; null when all of them are blank. */
    private static String key(List<FieldMapping> group, ObjectNode row, boolean bcSide) {
        StringBuilder key = new StringBuilder();
        boolean any = false;
        for (FieldMapping field : group) {
            String value = row.path(bcSide ? field.bcField() : field.crmField()).asText("").trim();
            any |= !value.isEmpty();
            key.append(field.caseSensitiveMatching() ? value : value.toLowerCase(Locale.ROOT)).append('\u0000');
        }
        return any ? key.toString() : null;
    }
}
