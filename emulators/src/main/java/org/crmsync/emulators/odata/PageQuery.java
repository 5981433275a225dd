package org.crmsync.emulators.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs a collection query: filter, order, page. A page ends with an opaque token holding the sort values
 * of its last row, so the next page starts strictly after that row however the table changed meanwhile —
 * the way a paging cookie works, and unlike an offset.
 */
public final class PageQuery {

    private static final ObjectMapper JSON = JsonBodies.MAPPER;

    /** One page of rows, the token for the next one (null on the last page), and the filtered total. */
    public record Page(List<ObjectNode> rows, String nextToken, long total) {
    }

    /** One page of rows as stored (see {@link EntityTable#storedAfter}), the next token, and the total. */
    public record StoredPage(List<Map.Entry<String, byte[]>> rows, String nextToken, long total) {
    }

    private PageQuery() {
    }

    /** Whether the query only pages through the table in key order, so that its rows can be served as stored. */
    public static boolean onlyPages(QueryOptions options) {
        return options.filter() == null && options.orderBy().isEmpty() && options.skip() == 0;
    }

    /** Runs a query for which {@link #onlyPages} holds, without parsing a row. */
    public static StoredPage runStored(EntityTable table, QueryOptions options, int pageSize) {
        if (!onlyPages(options)) {
            throw new IllegalArgumentException("The query does more than page: " + options);
        }
        int limit = limit(options, pageSize);
        List<Map.Entry<String, byte[]>> rows = table.storedAfter(afterKey(options), limit + 1);
        boolean more = hasMore(rows.size(), limit, options, pageSize);
        rows = rows.subList(0, Math.min(limit, rows.size()));
        String next = null;
        if (more) {
            next = encode(JSON.createArrayNode().add(rows.get(rows.size() - 1).getKey()));
        }
        return new StoredPage(rows, next, options.count() ? table.size() : -1);
    }

    public static Page run(EntityTable table, QueryOptions options, int pageSize) {
        return run(table, options, pageSize, row -> true);
    }

    /** Runs the query over the rows that also pass {@code scope}, such as the rows changed since a delta token. */
    public static Page run(EntityTable table, QueryOptions options, int pageSize, Predicate<ObjectNode> scope) {
        Predicate<ObjectNode> filter = options.filter() == null ? scope : scope.and(options.filter());
        int limit = limit(options, pageSize);
        List<ObjectNode> page;
        long total;
        Optional<Filter.Lookup> lookup = options.filter() == null ? Optional.empty() : options.filter().lookup();
        if (options.orderBy().isEmpty() && options.skip() == 0 && lookup.isPresent()) {
            // rows asked for by key values, such as the 50 numbers of a page's parents: an index finds them
            page = table.withValues(lookup.get().column(), lookup.get().values(), afterKey(options), limit + 1, filter);
            total = options.count() ? table.withValues(lookup.get().column(), lookup.get().values(), null,
                    Integer.MAX_VALUE, filter).size() : -1;
        } else if (options.orderBy().isEmpty() && options.skip() == 0) {
            page = table.after(afterKey(options), limit + 1, filter);
            total = options.count() ? table.count(filter) : -1;
        } else {
            Comparator<ObjectNode> order = comparator(table, options.orderBy());
            List<ObjectNode> sorted = table.select(filter);
            // Every matching row is at hand already: no second scan to count them.
            total = options.count() ? sorted.size() : -1;
            sorted.sort(order);
            int from = options.skip();
            if (options.skipToken() != null) {
                ObjectNode last = lastRow(table, options.orderBy(), decode(options.skipToken()));
                from = 0;
                while (from < sorted.size() && order.compare(sorted.get(from), last) <= 0) {
                    from++;
                }
            }
            page = sorted.subList(Math.min(from, sorted.size()), Math.min(from + limit + 1, sorted.size()));
        }
        boolean more = hasMore(page.size(), limit, options, pageSize);
        List<ObjectNode> rows = List.copyOf(page.subList(0, Math.min(limit, page.size())));
        String next = more ? encode(sortValues(table, options.orderBy(), rows.get(rows.size() - 1))) : null;
        return new Page(rows, next, total);
    }

    private static int limit(QueryOptions options, int pageSize) {
        return options.top() >= 0 ? Math.min(options.top(), pageSize) : pageSize;
    }

    /** Whether rows are left after this page; {@code $top} within one page means there is no next page. */
    private static boolean hasMore(int fetched, int limit, QueryOptions options, int pageSize) {
        return fetched > limit && (options.top() < 0 || options.top() > pageSize);
    }

    /** The key to start after when the query pages in key order. */
    private static String afterKey(QueryOptions options) {
        return options.skipToken() == null ? null : decode(options.skipToken()).get(0).asText();
    }

    private static Comparator<ObjectNode> comparator(EntityTable table, List<String> orderBy) {
        Comparator<ObjectNode> order = (a, b) -> 0;
        for (String sortKey : orderBy) {
            boolean desc = sortKey.endsWith(" desc");
            String column = desc ? sortKey.substring(0, sortKey.length() - 5) : sortKey;
            Comparator<ObjectNode> byColumn = (a, b) -> Values.compare(a.get(column), b.get(column));
            order = order.thenComparing(desc ? byColumn.reversed() : byColumn);
        }
        // The primary key breaks ties, so every row has exactly one place.
        return order.thenComparing((a, b) -> Values.compare(a.get(table.key()), b.get(table.key())));
    }

    private static ArrayNode sortValues(EntityTable table, List<String> orderBy, ObjectNode last) {
        ArrayNode values = JSON.createArrayNode();
        for (String sortKey : orderBy) {
            values.add(last.get(sortKey.replace(" desc", "")));
        }
        return values.add(last.get(table.key()));
    }

    private static String encode(ArrayNode values) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ArrayNode decode(String token) {
        try {
            JsonNode values = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (values instanceof ArrayNode array && !array.isEmpty()) {
                return array;
            }
        } catch (Exception e) {
            // reported below
        }
        throw new ODataException(400, "0x80060888", "The $skiptoken '" + token + "' is not valid.");
    }

    private static ObjectNode lastRow(EntityTable table, List<String> orderBy, ArrayNode values) {
        ObjectNode last = JSON.createObjectNode();
        for (int i = 0; i < orderBy.size(); i++) {
            last.set(orderBy.get(i).replace(" desc", ""), values.get(i));
        }
        last.set(table.key(), values.get(values.size() - 1));
        return last;
    }
}
