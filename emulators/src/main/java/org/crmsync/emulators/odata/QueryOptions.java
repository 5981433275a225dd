package org.crmsync.emulators.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The system query options of a collection request, checked against the table's columns.
 *
 * @param select    columns to return; empty means all
 * @param orderBy   sort keys, each a column name with an optional " desc"
 * @param top       -1 when absent
 * @param skip      0 when absent
 * @param skipToken the paging position handed out in a previous nextLink; null on the first page
 */
public record QueryOptions(List<String> select, Filter filter, List<String> orderBy, int top, int skip,
                           boolean count, String skipToken) {

    /** Parses the options the service supports; {@code allowSkip} is false for Dataverse, which has no $skip. */
    public static QueryOptions parse(Map<String, String> query, EntityTable table, boolean allowSkip) {
        List<String> select = new ArrayList<>();
        Filter filter = null;
        List<String> orderBy = new ArrayList<>();
        int top = -1;
        int skip = 0;
        boolean count = false;
        String skipToken = null;
        for (Map.Entry<String, String> option : query.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "$select" -> {
                    for (String name : value.split(",")) {
                        String column = name.trim();
                        requireColumn(table, column);
                        select.add(column);
                    }
                }
                case "$filter" -> filter = Filter.parse(value, table::hasColumn);
                case "$orderby" -> {
                    for (String part : value.split(",")) {
                        String[] words = part.trim().split("\\s+");
                        requireColumn(table, words[0]);
                        if (words.length > 2 || (words.length == 2
                                && !List.of("asc", "desc").contains(words[1].toLowerCase(Locale.ROOT)))) {
                            throw new ODataException(400, "0x80060888", "Invalid $orderby clause '" + part + "'.");
                        }
                        orderBy.add(words.length == 2 && words[1].equalsIgnoreCase("desc") ? words[0] + " desc" : words[0]);
                    }
                }
                case "$top" -> top = nonNegative("$top", value);
                case "$skip" -> {
                    if (!allowSkip) {
                        throw new ODataException(400, "0x80060888", "The query parameter $skip is not supported.");
                    }
                    skip = nonNegative("$skip", value);
                }
                case "$count" -> count = Boolean.parseBoolean(value);
                case "$skiptoken" -> skipToken = value;
                default -> {
                    if (option.getKey().startsWith("$")) {
                        throw new ODataException(400, "0x80060888",
                                "The query parameter " + option.getKey() + " is not supported.");
                    }
                }
            }
        }
        return new QueryOptions(List.copyOf(select), filter, List.copyOf(orderBy), top, skip, count, skipToken);
    }

    private static void requireColumn(EntityTable table, String column) {
        if (!table.hasColumn(column)) {
            throw new ODataException(400, "0x80060888",
                    "Could not find a property named '" + column + "' on type '" + table.entitySet() + "'.");
        }
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ODataException(400, "0x80060888", "Invalid value '" + value + "' for " + option + ".");
    }
}
