package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private final Set<String> contested = new HashSet<>();

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

    /**
     * Marks the destination rows that more than one of {@code sources} would match: none of those sources may
     * take it, as choosing would be a guess (two accounts with one customer's number, say).
     */
    void contest(List<ObjectNode> sources) {
        Map<String, Integer> claims = new HashMap<>();
        for (ObjectNode source : sources) {
            String claimed = firstSingleCandidate(source);
            if (claimed != null) {
                claims.merge(claimed, 1, Integer::sum);
            }
        }
        claims.forEach((destination, count) -> {
            if (count > 1) {
                contested.add(destination);
            }
        });
    }

    /** The destination row {@code source} and another source of the page both match; null when none. */
    String contested(ObjectNode source) {
        String claimed = firstSingleCandidate(source);
        return claimed != null && contested.contains(claimed) ? claimed : null;
    }

    private String firstSingleCandidate(ObjectNode source) {
        for (int i = 0; i < groups.size(); i++) {
            List<String> candidates = candidates(i, source);
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
        }
        return null;
    }

    /** Columns to read from the destination so that its rows can be matched. */
    static String destinationColumns(TableMapping mapping, boolean toCrm) {
        return String.join(",", mapping.matchGroups().stream().flatMap(List::stream)
                .map(field -> toCrm ? field.crmField() : field.bcField()).distinct().toList());
    }

    /** The destination row {@code source} couples with, now marked coupled; null when there is none. */
    String match(ObjectNode source) {
        for (int i = 0; i < groups.size(); i++) {
            List<String> candidates = candidates(i, source);
            if (candidates.size() == 1 && !contested.contains(candidates.get(0))
                    && coupledDestinationIds.add(candidates.get(0))) {
                return candidates.get(0);
            }
        }
        return null;
    }

    /**
     * When no priority found exactly one row: the rows that agree with {@code source} on the first priority
     * that found several. Coupling one of them would be a guess, inserting would add one more.
     */
    List<String> rivals(ObjectNode source) {
        for (int i = 0; i < groups.size(); i++) {
            List<String> candidates = candidates(i, source);
            if (candidates.size() > 1) {
                return candidates;
            }
        }
        return List.of();
    }

    private List<String> candidates(int group, ObjectNode source) {
        String key = key(groups.get(group), source, toCrm);
        return key == null ? List.of() : indexes.get(group).getOrDefault(key, List.of());
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
