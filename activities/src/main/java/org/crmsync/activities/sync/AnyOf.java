package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads rows by a list of values as {@code field eq a or field eq b …} filters, a slice of values per
 * request: neither service offers an {@code in} operator both understand, and a URL has a length limit.
 */
final class AnyOf {

    /** Values per filter: short enough for any URL length limit. */
    static final int SLICE = 50;

    private AnyOf() {
    }

    /**
     * The rows {@code query} returns for each slice of {@code values}, given the slice's filter.
     *
     * @param quoted whether the values are text (quoted, quotes doubled) rather than GUIDs
     */
    static List<ObjectNode> read(String field, Collection<String> values, boolean quoted,
                                 Function<String, List<ObjectNode>> query) {
        List<String> all = values.stream().distinct().toList();
        List<ObjectNode> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SLICE) {
            rows.addAll(query.apply(all.subList(from, Math.min(all.size(), from + SLICE)).stream()
                    .map(value -> field + " eq " + (quoted ? "'" + value.replace("'", "''") + "'" : value))
                    .collect(Collectors.joining(" or "))));
        }
        return rows;
    }
}
