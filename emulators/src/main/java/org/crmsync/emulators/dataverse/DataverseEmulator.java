package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.http.EmulatorHandler;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.ColumnCheck;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Links;
import org.crmsync.emulators.odata.ODataException;
import org.crmsync.emulators.odata.PageQuery;
import org.crmsync.emulators.odata.QueryOptions;

/**
 * The Dataverse Web API v9.2 (apis.md Part A) over in-memory tables: queries with server paging, creates,
 * upserts and conditional updates, lookups bound with {@code @odata.bind}, the UpsertMultiple action, and
 * the errors the real service gives for what it refuses.
 */
public final class DataverseEmulator implements EmulatorHandler {

    public static final String API_ROOT = "/api/data/v9.2/";
    static final int MAX_PAGE_SIZE = 5000;
    private static final int MAX_COUNT = 5000;
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern RECORD = Pattern.compile("([a-z_]+)\\(([0-9a-fA-F-]{36})\\)");
    private static final Pattern BIND = Pattern.compile("/?([a-z_]+)\\(([0-9a-fA-F-]{36})\\)");
    private static final Pattern COOKIE = Pattern.compile("pagingcookie=\"([^\"]*)\"");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, DataverseTable> tables = DataverseSchema.create();
    private final TokenService tokens;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong(1_000_000);
    private final String organizationId = UUID.randomUUID().toString();
    private final String businessUnitId = UUID.randomUUID().toString();
    private volatile String baseUrl = "http://localhost";
    /** The systemuser each client id signs in as: its application user. */
    private final Map<String, String> applicationUsers = new java.util.concurrent.ConcurrentHashMap<>();

    public DataverseEmulator(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The URL the service calls itself in links it hands out; set once the server's port is known. */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Makes {@code clientId} sign in as the application user {@code systemUserId}. */
    public void registerApplicationUser(String clientId, String systemUserId) {
        applicationUsers.put(clientId, systemUserId);
    }

    /** Loads a row as seed data, bypassing validation but stamping the service-maintained columns. */
    public void seed(String entitySet, ObjectNode row) {
        DataverseTable table = table(entitySet);
        stamp(table, row, null, null);
        table.rows().put(row);
    }

    /** All rows of a table, as stored: for seeding checks and independent reconciliation. */
    public List<ObjectNode> rows(String entitySet) {
        return table(entitySet).rows().all();
    }

    @Override
    public EmulatorResponse handle(EmulatorRequest request) {
        try {
            Matcher token = TOKEN_PATH.matcher(request.path());
            if (token.matches() && request.method().equals("POST")) {
                TokenService.TokenReply reply = tokens.issue(request.body());
                return EmulatorResponse.json(reply.status(), reply.json());
            }
            if (request.path().startsWith("/_admin/")) {
                return admin(request);
            }
            if (!request.path().startsWith(API_ROOT)) {
                throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + request.path() + "'.");
            }
            TokenService.Grant grant = tokens.authenticate(request.header("Authorization"));
            if (grant == null) {
                return EmulatorResponse.empty(401).withHeader("WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"The access token is missing, invalid or expired\"");
            }
            String caller = applicationUsers.getOrDefault(grant.clientId(), null);
            return api(request, URLDecoder.decode(request.path().substring(API_ROOT.length()), StandardCharsets.UTF_8),
                    caller);
        } catch (ODataException e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    private EmulatorResponse api(EmulatorRequest request, String path, String caller) {
        String method = request.method();
        if (path.equals("WhoAmI") && method.equals("GET")) {
            ObjectNode who = json.createObjectNode();
            who.put("@odata.context", baseUrl + API_ROOT + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            who.put("BusinessUnitId", businessUnitId);
            who.put("UserId", caller);
            who.put("OrganizationId", organizationId);
            return EmulatorResponse.json(200, who.toString());
        }
        String[] segments = path.split("/", -1);
        Matcher record = RECORD.matcher(segments[0]);
        if (record.matches() && segments.length == 1) {
            DataverseTable table = table(record.group(1));
            String id = record.group(2);
            return switch (method) {
                case "GET" -> getOne(table, id, request);
                case "PATCH" -> patch(table, id, request, caller);
                case "DELETE" -> delete(table, id, request);
                default -> throw notAllowed(method, path);
            };
        }
        DataverseTable table = table(segments[0]);
        if (segments.length == 1) {
            return switch (method) {
                case "GET" -> query(table, request);
                case "POST" -> create(table, request, caller);
                default -> throw notAllowed(method, path);
            };
        }
        if (segments.length == 2 && segments[1].equals("$count") && method.equals("GET")) {
            return EmulatorResponse.text(200, String.valueOf(Math.min(table.rows().size(), MAX_COUNT)));
        }
        if (segments.length == 2 && segments[1].equals("Microsoft.Dynamics.CRM.UpsertMultiple") && method.equals("POST")) {
            return upsertMultiple(table, request, caller);
        }
        throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + segments[1] + "'.");
    }

    private EmulatorResponse query(DataverseTable table, EmulatorRequest request) {
        Map<String, String> query = request.query();
        String pageSizePreference = request.preference("odata.maxpagesize");
        int pageSize = MAX_PAGE_SIZE;
        if (pageSizePreference != null) {
            pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Integer.parseInt(pageSizePreference)));
            query.remove("$top"); // $top is ignored when a page size is asked for (apis.md A3)
        }
        String skipToken = query.get("$skiptoken");
        if (skipToken != null) {
            Matcher cookie = COOKIE.matcher(skipToken);
            if (!cookie.find()) {
                throw new ODataException(400, "0x80060888", "The $skiptoken is not a valid paging cookie.");
            }
            query.put("$skiptoken", cookie.group(1));
        }
        QueryOptions options = QueryOptions.parse(query, table.rows(), false);
        PageQuery.Page page = PageQuery.run(table.rows(), options, pageSize);
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", baseUrl + API_ROOT + "$metadata#" + table.rows().entitySet()
                + (options.select().isEmpty() ? "" : "(" + String.join(",", options.select()) + ")"));
        if (options.count()) {
            body.put("@odata.count", Math.min(page.total(), MAX_COUNT));
        }
        ArrayNode value = body.putArray("value");
        for (ObjectNode row : page.rows()) {
            value.add(render(table, row, options.select()));
        }
        if (page.nextToken() != null) {
            int pageNumber = skipToken == null ? 2 : pageNumber(skipToken) + 1;
            String cookie = "<cookie pagenumber=\"" + pageNumber + "\" pagingcookie=\"" + page.nextToken()
                    + "\" istracking=\"False\" />";
            body.put("@odata.nextLink", Links.nextLink(baseUrl, request.path(), request.rawQuery(), cookie));
        }
        EmulatorResponse response = EmulatorResponse.json(200, body.toString());
        return pageSizePreference == null ? response
                : response.withHeader("Preference-Applied", "odata.maxpagesize=" + pageSize);
    }

    private static int pageNumber(String cookie) {
        Matcher m = Pattern.compile("pagenumber=\"(\\d+)\"").matcher(cookie);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private EmulatorResponse getOne(DataverseTable table, String id, EmulatorRequest request) {
        ObjectNode row = table.rows().get(id);
        if (row == null) {
            throw doesNotExist(table, id);
        }
        QueryOptions options = QueryOptions.parse(request.query(), table.rows(), false);
        ObjectNode body = render(table, row, options.select());
        body.put("@odata.context", baseUrl + API_ROOT + "$metadata#" + table.rows().entitySet() + "/$entity");
        return EmulatorResponse.json(200, body.toString()).withHeader("ETag", etag(row));
    }

    private EmulatorResponse create(DataverseTable table, EmulatorRequest request, String caller) {
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        String id = body.hasNonNull(table.rows().key()) ? body.get(table.rows().key()).asText() : UUID.randomUUID().toString();
        synchronized (table) {
            if (table.rows().get(id) != null) {
                throw new ODataException(412, "0x80040237", "A record with matching key values already exists.");
            }
            ObjectNode row = write(table, null, id, body, caller);
            return written(table, row, request, 201, 204);
        }
    }

    private EmulatorResponse patch(DataverseTable table, String id, EmulatorRequest request, String caller) {
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        String ifMatch = request.header("If-Match");
        String ifNoneMatch = request.header("If-None-Match");
        synchronized (table) {
            ObjectNode existing = table.rows().get(id);
            if ("*".equals(ifNoneMatch) && existing != null) {
                throw new ODataException(412, "0x80040237", "A record with matching key values already exists.");
            }
            if (ifMatch != null) {
                if (existing == null) {
                    throw doesNotExist(table, id);
                }
                if (!ifMatch.equals("*") && !ifMatch.equals(etag(existing))) {
                    throw new ODataException(412, "0x80060882",
                            "The version of the existing record doesn't match the RowVersion property provided.");
                }
            }
            ObjectNode row = write(table, existing, id, body, caller);
            return written(table, row, request, existing == null ? 201 : 200, 204);
        }
    }

    private EmulatorResponse delete(DataverseTable table, String id, EmulatorRequest request) {
        synchronized (table) {
            ObjectNode existing = table.rows().get(id);
            if (existing == null) {
                throw doesNotExist(table, id);
            }
            String ifMatch = request.header("If-Match");
            if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(etag(existing))) {
                throw new ODataException(412, "0x80060882",
                        "The version of the existing record doesn't match the RowVersion property provided.");
            }
            table.rows().remove(id);
            return EmulatorResponse.empty(204);
        }
    }

    /**
     * Upserts every target in one transaction: one bad target fails the whole request and nothing is
     * written (peers.md §2.3: standard tables roll back all).
     */
    private EmulatorResponse upsertMultiple(DataverseTable table, EmulatorRequest request, String caller) {
        if (!table.supportsMultiple()) {
            throw new ODataException(400, "0x80040800",
                    "The 'UpsertMultiple' method does not support entities of type '" + table.logicalName() + "'.");
        }
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        JsonNode targets = body.get("Targets");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw new ODataException(400, "0x80040203", "Targets is required and must not be empty.");
        }
        String expectedType = "Microsoft.Dynamics.CRM." + table.logicalName();
        ArrayNode results = json.createArrayNode();
        synchronized (table) {
            List<ObjectNode> staged = new ArrayList<>();
            for (JsonNode target : targets) {
                if (!(target instanceof ObjectNode item)) {
                    throw new ODataException(400, "0x80040203", "Every target must be an entity object.");
                }
                String type = item.path("@odata.type").asText("");
                if (!type.replaceFirst("^#", "").equals(expectedType)) {
                    throw new ODataException(400, "0x80040203",
                            "Target @odata.type must be " + expectedType + ", was '" + type + "'.");
                }
                ObjectNode fields = item.deepCopy();
                fields.remove("@odata.type");
                if (!fields.hasNonNull(table.rows().key())) {
                    throw new ODataException(400, "0x80040203",
                            "Target is missing its primary key " + table.rows().key() + ".");
                }
                String id = fields.get(table.rows().key()).asText();
                ObjectNode existing = table.rows().get(id);
                staged.add(prepare(table, existing, id, fields, caller));
                ObjectNode result = results.addObject();
                result.put("RecordCreated", existing == null);
                ObjectNode reference = result.putObject("Target");
                reference.put("Id", id);
                reference.put("LogicalName", table.logicalName());
            }
            staged.forEach(table.rows()::put);
        }
        ObjectNode reply = json.createObjectNode();
        reply.put("@odata.context", baseUrl + API_ROOT + "$metadata#Microsoft.Dynamics.CRM.UpsertMultipleResponse");
        reply.set("Results", results);
        return EmulatorResponse.json(200, reply.toString());
    }

    private EmulatorResponse written(DataverseTable table, ObjectNode row, EmulatorRequest request,
                                     int representationStatus, int plainStatus) {
        String entityId = baseUrl + API_ROOT + table.rows().entitySet() + "(" + row.get(table.rows().key()).asText() + ")";
        String prefer = request.header("Prefer");
        if (prefer != null && prefer.contains("return=representation")) {
            QueryOptions options = QueryOptions.parse(request.query(), table.rows(), false);
            ObjectNode body = render(table, row, options.select());
            body.put("@odata.context", baseUrl + API_ROOT + "$metadata#" + table.rows().entitySet() + "/$entity");
            return EmulatorResponse.json(representationStatus, body.toString()).withHeader("ETag", etag(row));
        }
        return EmulatorResponse.empty(plainStatus).withHeader("OData-EntityId", entityId);
    }

    private ObjectNode write(DataverseTable table, ObjectNode existing, String id, ObjectNode body, String caller) {
        ObjectNode row = prepare(table, existing, id, body, caller);
        table.rows().put(row);
        return row;
    }

    /** Validates {@code body} against the table and returns the row it would make, without storing it. */
    private ObjectNode prepare(DataverseTable table, ObjectNode existing, String id, ObjectNode body, String caller) {
        EntityTable rows = table.rows();
        ObjectNode row = existing == null ? json.createObjectNode() : existing.deepCopy();
        row.put(rows.key(), id.toLowerCase());
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            if (name.endsWith("@odata.bind")) {
                bind(table, row, name.substring(0, name.length() - "@odata.bind".length()), field.getValue());
                continue;
            }
            if (name.equals(rows.key())) {
                continue;
            }
            Column column = rows.column(name);
            if (column == null || column.readOnly() || name.startsWith("_")) {
                throw new ODataException(400, "0x80060888", "Invalid property '" + name + "' was found in entity 'Microsoft.Dynamics.CRM."
                        + table.logicalName() + "'.");
            }
            ColumnCheck.Violation violation = ColumnCheck.check(column, field.getValue());
            if (violation != null && violation.problem() == ColumnCheck.Problem.TOO_LONG) {
                throw new ODataException(400, "0x80044331", "A validation error occurred. The length of the '" + name
                        + "' attribute of the '" + table.logicalName() + "' entity exceeded the maximum allowed length of '"
                        + violation.detail() + "'.");
            }
            if (violation != null) {
                throw new ODataException(400, "0x80060888", violation.detail() + ".");
            }
            row.set(name, field.getValue());
        }
        for (Column column : rows.columns()) {
            if (column.required() && (row.get(column.name()) == null || row.get(column.name()).isNull())) {
                throw new ODataException(400, "0x80040200", "Required column '" + column.name() + "' of entity '"
                        + table.logicalName() + "' must have a value.");
            }
        }
        stamp(table, row, existing, caller);
        return row;
    }

    private void bind(DataverseTable table, ObjectNode row, String navigation, JsonNode target) {
        Lookup lookup = table.lookups().get(navigation);
        if (lookup == null) {
            throw new ODataException(400, "0x80060888", "An undeclared property '" + navigation
                    + "' which only has property annotations in the payload but no property value was found in the payload.");
        }
        if (target.isNull()) {
            row.putNull(lookup.column());
            return;
        }
        Matcher reference = BIND.matcher(target.asText());
        if (!reference.matches() || !lookup.targets().contains(reference.group(1))) {
            throw new ODataException(400, "0x80060888", "The value '" + target.asText() + "' of " + navigation
                    + "@odata.bind is not a reference to " + String.join(" or ", lookup.targets()) + ".");
        }
        DataverseTable referenced = table(reference.group(1));
        if (referenced.rows().get(reference.group(2)) == null) {
            throw doesNotExist(referenced, reference.group(2));
        }
        row.put(lookup.column(), reference.group(2).toLowerCase());
    }

    private void stamp(DataverseTable table, ObjectNode row, ObjectNode existing, String caller) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (existing == null) {
            if (!row.hasNonNull("createdon")) {
                row.put("createdon", now);
            }
            if (caller != null) {
                row.put("_createdby_value", caller);
            }
            if (table.rows().hasColumn("statecode") && !row.hasNonNull("statecode")) {
                row.put("statecode", 0); // Active
            }
        }
        if (existing != null || !row.hasNonNull("modifiedon")) {
            row.put("modifiedon", now);
        }
        if (caller != null) {
            row.put("_modifiedby_value", caller);
        }
        row.put("versionnumber", version.incrementAndGet());
    }

    private ObjectNode render(DataverseTable table, ObjectNode row, List<String> select) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.etag", etag(row));
        Collection<String> names = new ArrayList<>();
        if (select.isEmpty()) {
            row.fieldNames().forEachRemaining(names::add);
        } else {
            names.addAll(select);
        }
        for (String name : names) {
            JsonNode value = row.get(name);
            out.set(name, value == null ? json.nullNode() : value);
        }
        out.set(table.rows().key(), row.get(table.rows().key()));
        return out;
    }

    private static String etag(ObjectNode row) {
        return "W/\"" + row.path("versionnumber").asLong() + "\"";
    }

    private EmulatorResponse admin(EmulatorRequest request) {
        String[] parts = request.path().substring("/_admin/".length()).split("/");
        if (parts.length == 2 && parts[0].equals("rows") && request.method().equals("GET")) {
            ArrayNode all = json.createArrayNode();
            table(parts[1]).rows().all().forEach(all::add);
            return EmulatorResponse.json(200, all.toString());
        }
        if (parts.length == 2 && parts[0].equals("count") && request.method().equals("GET")) {
            return EmulatorResponse.text(200, String.valueOf(table(parts[1]).rows().size()));
        }
        throw new ODataException(404, "0x80060888", "No admin resource " + request.path());
    }

    private DataverseTable table(String entitySet) {
        DataverseTable table = tables.get(entitySet);
        if (table == null) {
            throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + entitySet + "'.");
        }
        return table;
    }

    private static ODataException doesNotExist(DataverseTable table, String id) {
        return new ODataException(404, "0x80040217", table.logicalName() + " With Id = " + id + " Does Not Exist");
    }

    private static ODataException notAllowed(String method, String path) {
        return new ODataException(405, "0x80060888", "The HTTP method '" + method + "' is not allowed on '" + path + "'.");
    }

    private EmulatorResponse error(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return EmulatorResponse.json(status, body.toString());
    }
}
