package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Links;
import org.crmsync.emulators.odata.ODataException;
import org.crmsync.emulators.odata.PageQuery;
import org.crmsync.emulators.odata.QueryOptions;

/**
 * Reading Dataverse rows: collections with server paging (a paging cookie in {@code $skiptoken}), counts
 * capped at 5000, single rows with conditional GET, and change tracking — {@code Prefer: odata.track-changes}
 * hands out a delta link whose token later returns the rows changed since and the rows deleted since, as
 * {@code $deletedEntity} entries (apis.md A3, A4, A9).
 */
final class Queries {

    static final int MAX_PAGE_SIZE = 5000;
    private static final int MAX_COUNT = 5000;
    private static final Duration DELTA_TOKEN_LIFETIME = Duration.ofDays(7);
    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);
    private static final Pattern COOKIE = Pattern.compile("pagingcookie=\"([^\"]*)\"");
    private static final Pattern PAGE_NUMBER = Pattern.compile("pagenumber=\"(\\d+)\"");
    private static final Pattern TRACKING_VERSION = Pattern.compile("trackingversion=\"(\\d+)\"");

    private final Supplier<String> root;
    private final Supplier<String> base;
    private final RecordWriter writer;
    private final Clock clock;

    /** @param root the server's root URL, known once it listens */
    Queries(Supplier<String> root, RecordWriter writer, Clock clock) {
        this.root = root;
        this.base = () -> root.get() + DataverseEmulator.API_ROOT;
        this.writer = writer;
        this.clock = clock;
    }

    static String etag(ObjectNode row) {
        return "W/\"" + row.path("versionnumber").asLong() + "\"";
    }

    EmulatorResponse collection(DataverseTable table, EmulatorRequest request) {
        Map<String, String> query = request.query();
        boolean tracking = request.preference("odata.track-changes") != null || query.containsKey("$deltatoken");
        String pageSizePreference = request.preference("odata.maxpagesize");
        int pageSize = MAX_PAGE_SIZE;
        if (pageSizePreference != null) {
            pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, parsePageSize(pageSizePreference)));
            query.remove("$top"); // $top is ignored when a page size is asked for (apis.md A3)
        }
        String cookie = query.remove("$skiptoken");
        if (cookie != null) {
            Matcher position = COOKIE.matcher(cookie);
            if (!position.find()) {
                throw new ODataException(400, "0x80060888", "The $skiptoken is not a valid paging cookie.");
            }
            query.put("$skiptoken", position.group(1));
        }
        String deltaToken = query.remove("$deltatoken");
        long since = -1;
        long ceiling = writer.currentVersion();
        if (tracking) {
            requireTrackable(table, query);
            since = deltaToken == null ? -1 : deltaVersion(deltaToken);
            Matcher pinned = cookie == null ? null : TRACKING_VERSION.matcher(cookie);
            if (pinned != null && pinned.find()) {
                ceiling = Long.parseLong(pinned.group(1));
            }
        }
        QueryOptions options = QueryOptions.parse(query, table.rows(), false);
        if (since >= 0) {
            // A delta reports changes, not a total.
            options = new QueryOptions(options.select(), null, options.orderBy(), options.top(), 0, false,
                    options.skipToken());
        }
        // Without a delta token since is -1, and every row is in scope.
        long changedAfter = since;
        PageQuery.Page page = PageQuery.run(table.rows(), options, pageSize,
                row -> row.path("versionnumber").asLong() > changedAfter);
        boolean annotations = includeAnnotations(request);
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("@odata.context", base.get() + "$metadata#" + table.rows().entitySet()
                + (options.select().isEmpty() ? "" : "(" + String.join(",", options.select()) + ")"));
        if (options.count()) {
            body.put("@odata.count", Math.min(page.total(), MAX_COUNT));
            body.put("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", page.total() > MAX_COUNT);
        }
        ArrayNode value = body.putArray("value");
        for (ObjectNode row : page.rows()) {
            value.add(render(table, row, options.select(), annotations));
        }
        if (page.nextToken() != null) {
            int pageNumber = cookie == null ? 2 : pageNumber(cookie) + 1;
            String next = "<cookie pagenumber=\"" + pageNumber + "\" pagingcookie=\"" + page.nextToken()
                    + "\" istracking=\"" + (tracking ? "True" : "False") + "\""
                    + (tracking ? " trackingversion=\"" + ceiling + "\"" : "") + " />";
            body.put("@odata.nextLink", Links.nextLink(root.get(), request.path(),
                    request.rawQuery(), next));
        } else if (tracking) {
            if (since >= 0) {
                for (String deleted : deletedSince(table, since)) {
                    ObjectNode entry = value.addObject();
                    entry.put("@odata.context", base.get() + "$metadata#" + table.rows().entitySet() + "/$deletedEntity");
                    entry.put("id", deleted);
                    entry.put("reason", "deleted");
                }
            }
            body.put("@odata.deltaLink", deltaLink(table, options.select(), ceiling));
        }
        EmulatorResponse response = EmulatorResponse.json(200, body.toString());
        if (tracking) {
            response = response.withHeader("Preference-Applied", "odata.track-changes");
        }
        return pageSizePreference == null ? response
                : response.withHeader("Preference-Applied", "odata.maxpagesize=" + pageSize);
    }

    /** {@code <set>/$count}: the number of rows, or with {@code $deltatoken} the number of changes since it. */
    EmulatorResponse count(DataverseTable table, EmulatorRequest request) {
        String deltaToken = request.query().get("$deltatoken");
        if (deltaToken == null) {
            return EmulatorResponse.text(200, String.valueOf(Math.min(table.rows().size(), MAX_COUNT)));
        }
        long since = deltaVersion(deltaToken);
        long changes = table.rows().count(row -> row.path("versionnumber").asLong() > since)
                + deletedSince(table, since).size();
        return EmulatorResponse.text(200, String.valueOf(changes));
    }

    EmulatorResponse one(DataverseTable table, ObjectNode row, EmulatorRequest request) {
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.equals(etag(row)) && !includeAnnotations(request)) {
            return EmulatorResponse.empty(304).withHeader("ETag", etag(row));
        }
        return entity(table, row, request, 200);
    }

    /** The answer to a create or update: the row with {@code return=representation}, else its URI. */
    EmulatorResponse written(DataverseTable table, ObjectNode row, EmulatorRequest request, int representationStatus,
                             int plainStatus) {
        String entityId = base.get() + table.rows().entitySet() + "(" + row.get(table.rows().key()).asText() + ")";
        String prefer = request.header("Prefer");
        if (prefer != null && prefer.contains("return=representation")) {
            return entity(table, row, request, representationStatus);
        }
        return EmulatorResponse.empty(plainStatus).withHeader("OData-EntityId", entityId);
    }

    /** One row with its context and {@code ETag} header, columns as the request's {@code $select} says. */
    private EmulatorResponse entity(DataverseTable table, ObjectNode row, EmulatorRequest request, int status) {
        QueryOptions options = QueryOptions.parse(request.query(), table.rows(), false);
        ObjectNode body = render(table, row, options.select(), includeAnnotations(request));
        body.put("@odata.context", base.get() + "$metadata#" + table.rows().entitySet() + "/$entity");
        return EmulatorResponse.json(status, body.toString()).withHeader("ETag", etag(row));
    }

    /** The row as the service returns it: the ETag first, the selected columns, the key always. */
    ObjectNode render(DataverseTable table, ObjectNode row, List<String> select, boolean annotations) {
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        out.put("@odata.etag", etag(row));
        Collection<String> names = new ArrayList<>();
        if (select.isEmpty()) {
            row.fieldNames().forEachRemaining(name -> {
                if (!name.contains("@")) {
                    names.add(name);
                }
            });
        } else {
            names.addAll(select);
        }
        for (String name : names) {
            JsonNode value = row.get(name);
            out.set(name, value == null ? JsonBodies.MAPPER.nullNode() : value);
            if (annotations && row.has(name + RecordWriter.LOOKUP_TYPE)) {
                out.set(name + RecordWriter.LOOKUP_TYPE, row.get(name + RecordWriter.LOOKUP_TYPE));
            }
        }
        out.set(table.rows().key(), row.get(table.rows().key()));
        return out;
    }

    private static boolean includeAnnotations(EmulatorRequest request) {
        return request.preference("odata.include-annotations") != null;
    }

    /** Change tracking must be enabled on the table, and refuses the options it cannot honour (apis.md A9). */
    private static void requireTrackable(DataverseTable table, Map<String, String> query) {
        if (!table.changeTracking()) {
            throw new ODataException(400, "0x80044362", "Entity '" + table.logicalName()
                    + "' is not enabled for change tracking.");
        }
        for (String option : List.of("$filter", "$orderby", "$expand", "$top")) {
            if (query.containsKey(option)) {
                throw new ODataException(400, "0x80060888", "The query parameter " + option
                        + " is not supported when change tracking is requested.");
            }
        }
    }

    private List<String> deletedSince(DataverseTable table, long since) {
        return table.tombstones().select(tombstone -> tombstone.path("versionnumber").asLong() > since
                        && !table.rows().contains(tombstone.path("id").asText()))
                .stream().map(tombstone -> tombstone.path("id").asText()).toList();
    }

    private String deltaLink(DataverseTable table, List<String> select, long version) {
        String token = version + "!" + LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(TOKEN_TIME);
        String query = (select.isEmpty() ? "" : "$select=" + String.join(",", select) + "&")
                + "$deltatoken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return base.get() + table.rows().entitySet() + "?" + query;
    }

    /** The version a delta token stands for; refused when malformed or older than the tracking retention. */
    private long deltaVersion(String token) {
        int bang = token.indexOf('!');
        try {
            long version = Long.parseLong(token.substring(0, bang));
            Instant issued = LocalDateTime.parse(token.substring(bang + 1), TOKEN_TIME).toInstant(ZoneOffset.UTC);
            if (issued.plus(DELTA_TOKEN_LIFETIME).isBefore(clock.instant())) {
                throw new ODataException(400, "0x80044352", "The delta token has expired: changes are kept for 7 days "
                        + "(ExpireChangeTrackingInDays). Synchronize the table fully and start again.");
            }
            return version;
        } catch (IndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
            throw new ODataException(400, "0x80044352", "The delta token '" + token + "' is not valid.");
        }
    }

    private static int pageNumber(String cookie) {
        Matcher m = PAGE_NUMBER.matcher(cookie);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static int parsePageSize(String preference) {
        try {
            return Integer.parseInt(preference.trim());
        } catch (NumberFormatException e) {
            throw new ODataException(400, "0x80060888", "odata.maxpagesize must be a number, was '" + preference + "'.");
        }
    }
}
