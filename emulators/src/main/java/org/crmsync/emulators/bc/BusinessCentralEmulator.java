package org.crmsync.emulators.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * Business Central API v2.0 (apis.md Part B) for one tenant and environment over in-memory companies:
 * server-driven paging, filters, creates that answer 201 with the entity, and updates that insist on
 * {@code If-Match}.
 */
public final class BusinessCentralEmulator implements EmulatorHandler {

    static final int MAX_PAGE_SIZE = 20_000;
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern API_PATH = Pattern.compile("/v2\\.0/([^/]+)/([^/]+)/api/v2\\.0/(.*)");
    private static final Pattern COMPANY = Pattern.compile("companies\\(([0-9a-fA-F-]{36})\\)");
    private static final Pattern RECORD = Pattern.compile("([A-Za-z]+)\\(([0-9a-fA-F-]{36})\\)");

    private final ObjectMapper json = new ObjectMapper();
    private final TokenService tokens;
    private final Clock clock;
    private final String tenant;
    private final String environment;
    private final Map<String, Company> companies = new LinkedHashMap<>();
    private final AtomicLong version = new AtomicLong(1);
    private volatile String baseUrl = "http://localhost";

    private record Company(String id, String name, Map<String, EntityTable> tables) {
    }

    public BusinessCentralEmulator(TokenService tokens, Clock clock, String tenant, String environment) {
        this.tokens = tokens;
        this.clock = clock;
        this.tenant = tenant;
        this.environment = environment;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Adds a company with empty tables and returns its id. */
    public synchronized String addCompany(String id, String name) {
        companies.put(id, new Company(id, name, BcSchema.createCompanyTables()));
        return id;
    }

    /** Loads a row as seed data, stamping its version but keeping a given lastModifiedDateTime. */
    public void seed(String companyId, String entitySet, ObjectNode row) {
        if (!row.hasNonNull("lastModifiedDateTime")) {
            row.put("lastModifiedDateTime", now());
        }
        row.put("@version", version.incrementAndGet());
        table(company(companyId), entitySet).put(row);
    }

    /** All rows of a company's entity set, as stored: for independent reconciliation. */
    public List<ObjectNode> rows(String companyId, String entitySet) {
        return table(company(companyId), entitySet).all();
    }

    @Override
    public EmulatorResponse handle(EmulatorRequest request) {
        try {
            if (TOKEN_PATH.matcher(request.path()).matches() && request.method().equals("POST")) {
                TokenService.TokenReply reply = tokens.issue(request.body());
                return EmulatorResponse.json(reply.status(), reply.json());
            }
            if (request.path().startsWith("/_admin/")) {
                return admin(request);
            }
            Matcher api = API_PATH.matcher(request.path());
            if (!api.matches()) {
                throw new ODataException(404, "BadRequest_NotFound", "No API at " + request.path() + ".");
            }
            if (tokens.authenticate(request.header("Authorization")) == null) {
                return error(401, "Authentication_InvalidCredentials",
                        "The server has rejected the client credentials.")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\"");
            }
            if (!api.group(1).equalsIgnoreCase(tenant) || !api.group(2).equals(environment)) {
                throw new ODataException(404, "BadRequest_NotFound",
                        "Environment '" + api.group(2) + "' of tenant '" + api.group(1) + "' was not found.");
            }
            return api(request, api.group(3));
        } catch (ODataException e) {
            return error(e.status(), e.code().startsWith("0x") ? "BadRequest" : e.code(), e.getMessage());
        }
    }

    private EmulatorResponse api(EmulatorRequest request, String path) {
        String[] segments = path.split("/", -1);
        if (segments.length == 1 && segments[0].equals("companies") && request.method().equals("GET")) {
            ObjectNode body = json.createObjectNode();
            body.put("@odata.context", apiBase() + "$metadata#companies");
            ArrayNode value = body.putArray("value");
            for (Company company : companies.values()) {
                ObjectNode row = value.addObject();
                row.put("id", company.id());
                row.put("name", company.name());
                row.put("displayName", company.name());
            }
            return EmulatorResponse.json(200, body.toString());
        }
        Matcher companyMatch = COMPANY.matcher(segments[0]);
        if (!companyMatch.matches() || segments.length < 2) {
            throw new ODataException(404, "BadRequest_NotFound", "The request URI is not valid: " + path + ".");
        }
        Company company = company(companyMatch.group(1));
        Matcher record = RECORD.matcher(segments[1]);
        if (record.matches() && segments.length == 2) {
            EntityTable table = table(company, record.group(1));
            String id = record.group(2);
            return switch (request.method()) {
                case "GET" -> EmulatorResponse.json(200, render(table, existing(table, id), List.of()).toString());
                case "PATCH" -> update(table, id, request);
                case "DELETE" -> delete(table, id, request);
                default -> throw notAllowed(request.method());
            };
        }
        EntityTable table = table(company, segments[1]);
        if (segments.length == 3 && segments[2].equals("$count") && request.method().equals("GET")) {
            QueryOptions options = QueryOptions.parse(request.query(), table, true);
            long count = options.filter() == null ? table.size() : table.all().stream().filter(options.filter()).count();
            return EmulatorResponse.text(200, String.valueOf(count));
        }
        if (segments.length != 2) {
            throw new ODataException(404, "BadRequest_NotFound", "The request URI is not valid: " + path + ".");
        }
        return switch (request.method()) {
            case "GET" -> query(table, request);
            case "POST" -> create(table, request);
            default -> throw notAllowed(request.method());
        };
    }

    private EmulatorResponse query(EntityTable table, EmulatorRequest request) {
        String preference = request.preference("odata.maxpagesize");
        int pageSize = preference == null ? MAX_PAGE_SIZE
                : Math.max(1, Math.min(MAX_PAGE_SIZE, Integer.parseInt(preference)));
        QueryOptions options = QueryOptions.parse(request.query(), table, true);
        PageQuery.Page page = PageQuery.run(table, options, pageSize);
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", apiBase() + "$metadata#companies/" + table.entitySet());
        if (options.count()) {
            body.put("@odata.count", page.total());
        }
        ArrayNode value = body.putArray("value");
        for (ObjectNode row : page.rows()) {
            value.add(render(table, row, options.select()));
        }
        if (page.nextToken() != null) {
            body.put("@odata.nextLink", Links.nextLink(baseUrl, request.path(), request.rawQuery(), page.nextToken()));
        }
        EmulatorResponse response = EmulatorResponse.json(200, body.toString());
        return preference == null ? response : response.withHeader("Preference-Applied", "odata.maxpagesize=" + pageSize);
    }

    private EmulatorResponse create(EntityTable table, EmulatorRequest request) {
        ObjectNode body = JsonBodies.object(request.body(), "BadRequest");
        synchronized (table) {
            ObjectNode row = json.createObjectNode();
            row.put("id", UUID.randomUUID().toString());
            apply(table, row, body);
            stamp(row);
            table.put(row);
            return EmulatorResponse.json(201, render(table, row, List.of()).toString());
        }
    }

    private EmulatorResponse update(EntityTable table, String id, EmulatorRequest request) {
        ObjectNode body = JsonBodies.object(request.body(), "BadRequest");
        synchronized (table) {
            ObjectNode row = existing(table, id).deepCopy();
            checkConcurrency(request, row);
            apply(table, row, body);
            stamp(row);
            table.put(row);
            return EmulatorResponse.json(200, render(table, row, List.of()).toString());
        }
    }

    private EmulatorResponse delete(EntityTable table, String id, EmulatorRequest request) {
        synchronized (table) {
            checkConcurrency(request, existing(table, id));
            table.remove(id);
            return EmulatorResponse.empty(204);
        }
    }

    /** BC refuses a write without If-Match (400) and one whose ETag is stale (409), apis.md B4. */
    private void checkConcurrency(EmulatorRequest request, ObjectNode row) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null) {
            throw new ODataException(400, "BadRequest_InvalidToken", "Could not validate the client concurrency token "
                    + "required by the service. Please provide a valid token in the client request.");
        }
        if (!ifMatch.equals("*") && !ifMatch.equals(etag(row))) {
            throw new ODataException(409, "Request_EntityChanged", "Another user has already changed the record.");
        }
    }

    private void apply(EntityTable table, ObjectNode row, ObjectNode body) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            Column column = table.column(name);
            if (column == null || name.equals("id")) {
                throw new ODataException(400, "BadRequest_PropertyNotFound",
                        "The property '" + name + "' does not exist on type 'Microsoft.NAV." + singular(table) + "'.");
            }
            if (column.readOnly()) {
                throw new ODataException(400, "BadRequest_MethodNotAllowed",
                        "The property '" + name + "' is read-only.");
            }
            ColumnCheck.Violation violation = ColumnCheck.check(column, field.getValue());
            if (violation != null && violation.problem() == ColumnCheck.Problem.TOO_LONG) {
                throw new ODataException(400, "Application_StringExceededLength", "The length of the string is "
                        + field.getValue().asText().length() + ", but it must be less than or equal to "
                        + violation.detail() + " characters. Value: " + field.getValue().asText());
            }
            if (violation != null) {
                throw new ODataException(400, "BadRequest", violation.detail() + ".");
            }
            row.set(name, field.getValue());
        }
    }

    private void stamp(ObjectNode row) {
        row.put("lastModifiedDateTime", now());
        row.put("@version", version.incrementAndGet());
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private ObjectNode render(EntityTable table, ObjectNode row, List<String> select) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.etag", etag(row));
        if (select.isEmpty()) {
            row.fields().forEachRemaining(field -> {
                if (!field.getKey().startsWith("@")) {
                    out.set(field.getKey(), field.getValue());
                }
            });
        } else {
            out.set("id", row.get("id"));
            for (String name : select) {
                out.set(name, row.has(name) ? row.get(name) : json.nullNode());
            }
        }
        return out;
    }

    /** An opaque weak ETag that changes on every write, shaped like BC's. */
    private static String etag(ObjectNode row) {
        String inner = "'" + row.path("@version").asLong() + ";'";
        return "W/\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    private EmulatorResponse admin(EmulatorRequest request) {
        String[] parts = request.path().substring("/_admin/".length()).split("/");
        Company company = companies.values().iterator().next();
        if (parts.length == 2 && parts[0].equals("rows") && request.method().equals("GET")) {
            ArrayNode all = json.createArrayNode();
            table(company, parts[1]).all().forEach(row -> all.add(render(table(company, parts[1]), row, List.of())));
            return EmulatorResponse.json(200, all.toString());
        }
        if (parts.length == 2 && parts[0].equals("count") && request.method().equals("GET")) {
            return EmulatorResponse.text(200, String.valueOf(table(company, parts[1]).size()));
        }
        throw new ODataException(404, "BadRequest_NotFound", "No admin resource " + request.path());
    }

    private String apiBase() {
        return baseUrl + "/v2.0/" + tenant + "/" + environment + "/api/v2.0/";
    }

    private Company company(String id) {
        Company company = companies.get(id.toLowerCase());
        if (company == null) {
            throw new ODataException(404, "Internal_CompanyNotFound", "Cannot find company " + id + ".");
        }
        return company;
    }

    private static EntityTable table(Company company, String entitySet) {
        EntityTable table = company.tables().get(entitySet);
        if (table == null) {
            throw new ODataException(404, "BadRequest_NotFound", "Resource not found for the segment '" + entitySet + "'.");
        }
        return table;
    }

    private static ObjectNode existing(EntityTable table, String id) {
        ObjectNode row = table.get(id);
        if (row == null) {
            throw new ODataException(404, "Internal_RecordNotFound", "The " + singular(table)
                    + " does not exist. Identification fields and values: Id='" + id + "'");
        }
        return row;
    }

    private static String singular(EntityTable table) {
        String set = table.entitySet();
        return set.endsWith("ies") ? set.substring(0, set.length() - 3) + "y" : set.substring(0, set.length() - 1);
    }

    private static ODataException notAllowed(String method) {
        return new ODataException(405, "BadRequest_MethodNotAllowed", "'" + method + "' requests are not allowed here.");
    }

    private EmulatorResponse error(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message + "  CorrelationId:  " + UUID.randomUUID() + ".");
        return EmulatorResponse.json(status, body.toString());
    }
}
