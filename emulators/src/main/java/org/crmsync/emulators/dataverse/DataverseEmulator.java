package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.dataverse.Security.Privilege;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.ODataException;
import org.crmsync.emulators.service.ServiceEmulator;
import org.crmsync.emulators.service.ServiceLimits;

/**
 * The Dataverse Web API v9.2 (apis.md Part A) over in-memory tables: queries with server paging and change
 * tracking, creates, upserts and conditional updates, lookups bound with {@code @odata.bind}, the
 * UpsertMultiple and CreateMultiple actions, {@code $batch} with atomic changesets, security roles, the
 * metadata the setup needs, and the errors the real service gives for what it refuses.
 */
public final class DataverseEmulator extends ServiceEmulator {

    public static final String API_ROOT = "/api/data/v9.2/";
    private static final Pattern RECORD = Pattern.compile("([A-Za-z_]+)\\(([^)]*)\\)");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Map<String, String> ROLE_ASSOCIATIONS = Map.of(
            "systemusers", "systemuserroles_association", "teams", "teamroles_association");

    private final Map<String, DataverseTable> tables = DataverseSchema.create();
    private final RecordWriter writer;
    private final Security security;
    private final Solutions solutions;
    private final Metadata metadata;
    private final Queries queries;
    private final DataverseBatch batch;
    /** Writes are serialized, so a changeset or a bulk action can be undone without undoing anyone else's work. */
    private final Object writeLock = new Object();
    private final String organizationId = UUID.randomUUID().toString();
    private volatile String baseUrl = "http://localhost";
    private volatile String interactiveUser;

    public DataverseEmulator(TokenService tokens, Clock clock) {
        super(tokens, clock);
        this.security = new Security(table("roles").rows(), table(DataverseSchema.ROLE_ASSIGNMENTS).rows());
        this.writer = new RecordWriter(this::table, clock, principal -> !security.rolesOf(principal).isEmpty());
        this.solutions = new Solutions(table("solutions").rows(), table("roles").rows(), table("businessunits").rows(),
                table(DataverseSchema.ROLE_ASSIGNMENTS).rows(), clock);
        this.metadata = new Metadata(tables.values(), this::apiBase);
        this.queries = new Queries(() -> baseUrl, writer, clock);
        this.batch = new DataverseBatch(this::dispatch, this::error, writeLock);
    }

    /** The URL the service calls itself in links it hands out; set once the server's port is known. */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private String apiBase() {
        return baseUrl + API_ROOT;
    }

    /** Makes {@code clientId} sign in as the application user {@code systemUserId}. */
    public void registerApplicationUser(String clientId, String systemUserId) {
        security.registerApplicationUser(clientId, systemUserId);
    }

    /** The user whose edits {@code /_admin/rows} makes, as someone working in the CRM would. */
    public void setInteractiveUser(String systemUserId) {
        this.interactiveUser = systemUserId;
    }

    /** Loads a row as seed data, bypassing validation but stamping the service-maintained columns. */
    public void seed(String entitySet, ObjectNode row) {
        writer.seed(table(entitySet), row);
    }

    /** Gives a seeded role to a user or team. */
    public void seedRole(String principalId, String roleId) {
        table(DataverseSchema.ROLE_ASSIGNMENTS).rows().put(security.assignment(principalId, roleId));
    }

    /** Seeds an installed solution, such as Business Central's integration solution. */
    public void seedSolution(String uniqueName, String version) {
        solutions.seed(uniqueName, version);
    }

    /**
     * Uninstalls a solution, as an administrator would in Power Apps; Business Central's integration solution takes
     * its roles, and their assignments, along. False when it was not installed.
     */
    public boolean uninstallSolution(String uniqueName) {
        synchronized (writeLock) {
            return solutions.uninstall(uniqueName);
        }
    }

    /** Takes a role from a user or team, as an administrator would in the admin center. */
    public void revokeRole(String principalId, String roleId) {
        table(DataverseSchema.ROLE_ASSIGNMENTS).rows().remove(
                security.assignment(principalId, roleId).get("systemuserroleid").asText());
    }

    /** All rows of a table, as stored: for seeding checks and independent reconciliation. */
    public List<ObjectNode> rows(String entitySet) {
        return table(entitySet).rows().select(row -> true);
    }

    /** The options of a table's choice column, value → label: for independent reconciliation. */
    public Map<Integer, String> options(String entitySet, String column) {
        OptionSet options = table(entitySet).optionSet(column);
        if (options == null) {
            throw new IllegalArgumentException(column + " of " + entitySet + " is not a choice column");
        }
        return options.options();
    }

    @Override
    protected boolean isApiPath(String path) {
        return path.startsWith(API_ROOT);
    }

    @Override
    protected EmulatorResponse serve(EmulatorRequest request, TokenService.Grant grant) {
        String caller = security.caller(grant.clientId());
        return dispatch(request, caller, new Journal());
    }

    /** Serves one API request, recording its writes in {@code journal}; $batch parts come through here too. */
    private EmulatorResponse dispatch(EmulatorRequest request, String caller, Journal journal) {
        String path = URLDecoder.decode(request.path().substring(API_ROOT.length()), StandardCharsets.UTF_8);
        String method = request.method();
        String[] segments = path.split("/", -1);
        switch (segments[0]) {
            case "WhoAmI" -> {
                ObjectNode who = json.createObjectNode();
                who.put("@odata.context", apiBase() + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
                ObjectNode user = table("systemusers").rows().get(caller);
                who.put("BusinessUnitId", user == null ? null : user.path("_businessunitid_value").asText(null));
                who.put("UserId", caller);
                who.put("OrganizationId", organizationId);
                return EmulatorResponse.json(200, who.toString());
            }
            case "$batch" -> {
                requireMethod(method, "POST", path);
                return batch.execute(request, caller);
            }
            case "InsertOptionValue" -> {
                requireMethod(method, "POST", path);
                security.require(caller, Privilege.EDIT_OPTIONS, "entity");
                return metadata.insertOptionValue(request);
            }
            case "ImportSolution" -> {
                requireMethod(method, "POST", path);
                security.require(caller, Privilege.IMPORT_SOLUTION, "");
                synchronized (writeLock) {
                    return solutions.importSolution(request, journal);
                }
            }
            case "UpdateOptionValue" -> {
                requireMethod(method, "POST", path);
                security.require(caller, Privilege.EDIT_OPTIONS, "entity");
                return metadata.updateOptionValue(request);
            }
            default -> { }
        }
        if (segments[0].startsWith("EntityDefinitions")) {
            security.require(caller, Privilege.READ, "entity");
            return metadata.serve(request, segments, () -> security.require(caller, Privilege.CUSTOMIZE, "entity"));
        }
        Matcher record = RECORD.matcher(segments[0]);
        if (record.matches()) {
            DataverseTable table = table(record.group(1));
            String id = key(table, record.group(2));
            if (segments.length == 1) {
                return switch (method) {
                    case "GET" -> {
                        security.require(caller, Privilege.READ, table.logicalName());
                        yield queries.one(table, existing(table, id), request);
                    }
                    case "PATCH" -> patch(table, id, request, caller, journal);
                    case "DELETE" -> delete(table, id, request, caller, journal);
                    default -> throw notAllowed(method, path);
                };
            }
            if (ROLE_ASSOCIATIONS.get(table.rows().entitySet()) != null
                    && segments[1].startsWith(ROLE_ASSOCIATIONS.get(table.rows().entitySet()))) {
                return roleAssociation(table, id, segments, request, caller, journal);
            }
            return property(table, id, segments, request, caller, journal);
        }
        DataverseTable table = table(segments[0]);
        if (segments.length == 1) {
            return switch (method) {
                case "GET" -> {
                    security.require(caller, Privilege.READ, table.logicalName());
                    yield queries.collection(table, request);
                }
                case "POST" -> create(table, request, caller, journal);
                default -> throw notAllowed(method, path);
            };
        }
        if (segments.length == 2 && method.equals("GET") && segments[1].equals("$count")) {
            security.require(caller, Privilege.READ, table.logicalName());
            return queries.count(table, request);
        }
        if (segments.length == 2 && method.equals("POST") && segments[1].startsWith("Microsoft.Dynamics.CRM.")) {
            String action = segments[1].substring("Microsoft.Dynamics.CRM.".length());
            if (action.equals("UpsertMultiple") || action.equals("CreateMultiple")) {
                return multiple(table, action, request, caller, journal);
            }
        }
        throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + segments[1] + "'.");
    }

    /** Records are addressed by GUID; alternate keys must be defined on the table, and none are here (apis.md A2). */
    private static String key(DataverseTable table, String key) {
        if (GUID.matcher(key).matches()) {
            return key;
        }
        throw new ODataException(400, "0x80060888", "The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM."
                + table.logicalName() + "'. Make sure both the key name and value are valid.");
    }

    private EmulatorResponse create(DataverseTable table, EmulatorRequest request, String caller, Journal journal) {
        security.require(caller, Privilege.WRITE, table.logicalName());
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        String keyColumn = table.rows().key();
        String id = body.hasNonNull(keyColumn) ? key(table, body.get(keyColumn).asText()) : UUID.randomUUID().toString();
        synchronized (writeLock) {
            if (table.rows().contains(id)) {
                throw duplicateKey();
            }
            ObjectNode row = writer.prepare(table, null, id, body, caller);
            writer.store(table, row, true, journal);
            return queries.written(table, row, request, 201, 204);
        }
    }

    private EmulatorResponse patch(DataverseTable table, String id, EmulatorRequest request, String caller, Journal journal) {
        security.require(caller, Privilege.WRITE, table.logicalName());
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        String ifMatch = request.header("If-Match");
        String ifNoneMatch = request.header("If-None-Match");
        synchronized (writeLock) {
            ObjectNode existing = table.rows().get(id);
            if ("*".equals(ifNoneMatch) && existing != null) {
                throw duplicateKey();
            }
            if (ifMatch != null) {
                if (existing == null) {
                    throw doesNotExist(table, id);
                }
                requireVersion(ifMatch, existing);
            }
            ObjectNode row = writer.prepare(table, existing, id, body, caller);
            writer.store(table, row, existing == null, journal);
            return queries.written(table, row, request, existing == null ? 201 : 200, 204);
        }
    }

    private EmulatorResponse delete(DataverseTable table, String id, EmulatorRequest request, String caller, Journal journal) {
        security.require(caller, Privilege.WRITE, table.logicalName());
        synchronized (writeLock) {
            ObjectNode existing = existing(table, id);
            String ifMatch = request.header("If-Match");
            if (ifMatch != null) {
                requireVersion(ifMatch, existing);
            }
            writer.delete(table, id, journal);
            return EmulatorResponse.empty(204);
        }
    }

    private static void requireVersion(String ifMatch, ObjectNode existing) {
        if (!ifMatch.equals("*") && !ifMatch.equals(Queries.etag(existing))) {
            throw new ODataException(412, "0x80060882",
                    "The version of the existing record doesn't match the RowVersion property provided.");
        }
    }

    /**
     * One column: {@code PUT accounts(id)/name} with {@code {"value":…}}, {@code DELETE accounts(id)/description},
     * and clearing a lookup with {@code DELETE accounts(id)/primarycontactid/$ref} (apis.md A5).
     */
    private EmulatorResponse property(DataverseTable table, String id, String[] segments, EmulatorRequest request,
                                      String caller, Journal journal) {
        String name = segments[1];
        ObjectNode change = json.createObjectNode();
        if (segments.length == 3 && segments[2].equals("$ref") && request.method().equals("DELETE")
                && table.lookup(name) != null) {
            change.putNull(name + "@odata.bind");
        } else if (segments.length == 2 && table.rows().hasColumn(name) && request.method().equals("PUT")) {
            change.set(name, JsonBodies.object(request.body(), "0x80060888").path("value"));
        } else if (segments.length == 2 && table.rows().hasColumn(name) && request.method().equals("DELETE")) {
            change.putNull(name);
        } else {
            throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + name + "'.");
        }
        security.require(caller, Privilege.WRITE, table.logicalName());
        synchronized (writeLock) {
            ObjectNode row = writer.prepare(table, existing(table, id), id, change, caller);
            writer.store(table, row, false, journal);
        }
        return EmulatorResponse.empty(204);
    }

    /** Lists, adds ({@code POST …/$ref}) and removes ({@code DELETE …(roleid)/$ref}) the roles of a user or team. */
    private EmulatorResponse roleAssociation(DataverseTable principals, String principalId, String[] segments,
                                             EmulatorRequest request, String caller, Journal journal) {
        existing(principals, principalId);
        EntityTable assignments = table(DataverseSchema.ROLE_ASSIGNMENTS).rows();
        String method = request.method();
        if (segments.length == 2 && method.equals("GET")) {
            security.require(caller, Privilege.READ, "role");
            ObjectNode body = json.createObjectNode();
            body.put("@odata.context", apiBase() + "$metadata#roles");
            ArrayNode value = body.putArray("value");
            security.rolesOf(principalId).forEach(role -> value.add(queries.render(table("roles"), role, List.of(), false)));
            return EmulatorResponse.json(200, body.toString());
        }
        security.require(caller, Privilege.CUSTOMIZE, "role");
        if (segments.length == 3 && segments[2].equals("$ref") && method.equals("POST")) {
            String reference = JsonBodies.object(request.body(), "0x80060888").path("@odata.id").asText("");
            Matcher role = RECORD.matcher(reference.substring(reference.lastIndexOf('/') + 1));
            if (!role.matches() || !role.group(1).equals("roles")) {
                throw new ODataException(400, "0x80060888", "@odata.id must reference a role, such as <base>roles(<id>).");
            }
            synchronized (writeLock) {
                journal.put(assignments, security.assignment(principalId, role.group(2)));
            }
            return EmulatorResponse.empty(204);
        }
        Matcher role = RECORD.matcher(segments[1]);
        if (segments.length == 3 && segments[2].equals("$ref") && method.equals("DELETE") && role.matches()) {
            synchronized (writeLock) {
                String assignmentId = security.assignment(principalId, role.group(2)).get("systemuserroleid").asText();
                if (journal.remove(assignments, assignmentId) == null) {
                    throw new ODataException(404, "0x80040217", "The role " + role.group(2) + " is not assigned to " + principalId + ".");
                }
            }
            return EmulatorResponse.empty(204);
        }
        throw notAllowed(method, String.join("/", segments));
    }

    /**
     * UpsertMultiple and CreateMultiple: one transaction, so one bad target fails the whole request and nothing
     * is written (peers.md §2.3: standard tables roll back all).
     */
    private EmulatorResponse multiple(DataverseTable table, String action, EmulatorRequest request, String caller,
                                      Journal journal) {
        security.require(caller, Privilege.WRITE, table.logicalName());
        if (!table.supportsMultiple()) {
            throw new ODataException(400, "0x80040800", "The '" + action + "' method does not support entities of type '"
                    + table.logicalName() + "'.");
        }
        JsonNode targets = JsonBodies.object(request.body(), "0x80060888").get("Targets");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw new ODataException(400, "0x80040203", "Targets is required and must not be empty.");
        }
        String expectedType = "Microsoft.Dynamics.CRM." + table.logicalName();
        boolean create = action.equals("CreateMultiple");
        ArrayNode results = json.createArrayNode();
        ArrayNode ids = json.createArrayNode();
        synchronized (writeLock) {
            Journal transaction = new Journal();
            try {
                for (JsonNode target : targets) {
                    if (!(target instanceof ObjectNode item)
                            || !item.path("@odata.type").asText("").replaceFirst("^#", "").equals(expectedType)) {
                        throw new ODataException(400, "0x80040203", "Every target must be an entity object with "
                                + "@odata.type " + expectedType + ".");
                    }
                    String keyColumn = table.rows().key();
                    if (!create && !item.hasNonNull(keyColumn)) {
                        throw new ODataException(400, "0x80040203", "Target is missing its primary key " + keyColumn + ".");
                    }
                    String id = item.hasNonNull(keyColumn) ? key(table, item.get(keyColumn).asText()) : UUID.randomUUID().toString();
                    ObjectNode existing = table.rows().get(id);
                    if (create && existing != null) {
                        throw duplicateKey();
                    }
                    writer.store(table, writer.prepare(table, existing, id, item, caller), existing == null, transaction);
                    ids.add(id.toLowerCase());
                    ObjectNode result = results.addObject();
                    result.put("RecordCreated", existing == null);
                    ObjectNode reference = result.putObject("Target");
                    reference.put("Id", id.toLowerCase());
                    reference.put("LogicalName", table.logicalName());
                }
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
        ObjectNode reply = json.createObjectNode();
        reply.put("@odata.context", apiBase() + "$metadata#Microsoft.Dynamics.CRM." + action + "Response");
        reply.set(create ? "Ids" : "Results", create ? ids : results);
        return EmulatorResponse.json(200, reply.toString());
    }

    private ObjectNode existing(DataverseTable table, String id) {
        ObjectNode row = table.rows().get(id);
        if (row == null) {
            throw doesNotExist(table, id);
        }
        return row;
    }

    private DataverseTable table(String entitySet) {
        DataverseTable table = tables.get(entitySet);
        if (table == null) {
            throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + entitySet + "'.");
        }
        return table;
    }

    static ODataException doesNotExist(DataverseTable table, String id) {
        return new ODataException(404, "0x80040217", table.logicalName() + " With Id = " + id + " Does Not Exist");
    }

    private static ODataException duplicateKey() {
        return new ODataException(412, "0x80040237", "A record with matching key values already exists.");
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw notAllowed(method, path);
        }
    }

    private static ODataException notAllowed(String method, String path) {
        return new ODataException(405, "0x80060888", "The HTTP method '" + method + "' is not allowed on '" + path + "'.");
    }

    @Override
    protected EmulatorResponse error(ODataException e) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        return EmulatorResponse.json(e.status(), body.toString());
    }

    @Override
    protected EmulatorResponse unauthorized() {
        return EmulatorResponse.empty(401).withHeader("WWW-Authenticate",
                "Bearer error=\"invalid_token\", error_description=\"The access token is missing, invalid or expired\"");
    }

    /** The three service protection limits and their documented codes and messages (apis.md A8). */
    @Override
    protected ODataException throttled(ServiceLimits.Exceeded e) {
        var limits = e.settings();
        return switch (e.limit()) {
            case REQUESTS -> new ODataException(429, "0x80072322", "Number of requests exceeded the limit of "
                    + limits.requestsPerWindow() + " over time window of " + limits.windowSeconds() + " seconds.",
                    e.retryAfterSeconds());
            case EXECUTION_TIME -> new ODataException(429, "0x80072321", "Combined execution time of incoming requests "
                    + "exceeded limit of " + limits.executionMsPerWindow() + " milliseconds over time window of "
                    + limits.windowSeconds() + " seconds. Decrease number of concurrent requests or reduce the duration "
                    + "of requests and try again later.", e.retryAfterSeconds());
            case CONCURRENCY -> new ODataException(429, "0x80072326", "Number of concurrent requests exceeded the limit of "
                    + limits.concurrentRequests() + ".", e.retryAfterSeconds());
        };
    }

    @Override
    protected ODataException injectedThrottle(long retryAfterSeconds) {
        return new ODataException(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window "
                + "of 300 seconds.", retryAfterSeconds);
    }

    @Override
    protected ODataException injectedServerError() {
        return new ODataException(503, "0x80040216", "An unexpected error occurred: the service is temporarily unavailable.");
    }

    @Override
    protected String notFoundCode() {
        return "0x80060888";
    }

    /** Choice columns are metadata rather than rows: a reset gives them back a new organization's options. */
    @Override
    protected void afterReset() {
        tables.values().forEach(table -> table.optionSets().forEach(OptionSet::reset));
    }

    @Override
    protected List<EntityTable> tables() {
        List<EntityTable> all = new ArrayList<>();
        for (DataverseTable table : tables.values()) {
            all.add(table.rows());
            all.add(table.tombstones());
        }
        return all;
    }

    @Override
    protected EntityTable adminTable(String entitySet) {
        return table(entitySet).rows();
    }

    @Override
    protected ObjectNode writeAsUser(String entitySet, String id, ObjectNode fields) {
        DataverseTable table = table(entitySet);
        synchronized (writeLock) {
            ObjectNode existing = id == null ? null : existing(table, id);
            ObjectNode row = writer.prepare(table, existing, id == null ? UUID.randomUUID().toString() : id, fields,
                    interactiveUser);
            writer.store(table, row, existing == null, new Journal());
            return row;
        }
    }

    @Override
    protected void deleteAsUser(String entitySet, String id) {
        DataverseTable table = table(entitySet);
        synchronized (writeLock) {
            existing(table, id);
            writer.delete(table, id, new Journal());
        }
    }
}
