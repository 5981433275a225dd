package org.crmsync.emulators.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.bc.BcSchema.BcTable;
import org.crmsync.emulators.bc.BcSchema.Reference;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.ColumnCheck;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.Links;
import org.crmsync.emulators.odata.ODataException;
import org.crmsync.emulators.odata.PageQuery;
import org.crmsync.emulators.odata.QueryOptions;
import org.crmsync.emulators.service.ServiceEmulator;
import org.crmsync.emulators.service.ServiceLimits;

/**
 * Business Central API v2.0 (apis.md Part B) for one tenant and environment over in-memory companies:
 * server-driven paging, filters, {@code $expand} of document lines, creates that answer 201 with the entity
 * (deep inserts of lines included), updates and deletes that insist on {@code If-Match}, GUID fields kept
 * in step with their code companions, the JSON {@code $batch}, and a custom API page for what v2.0 lacks.
 */
public final class BusinessCentralEmulator extends ServiceEmulator {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static final int MAX_PAGE_SIZE = 20_000;
    public static final String EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
    private static final Pattern API_PATH = Pattern.compile(
            "/v2\\.0/([^/]+)/([^/]+)/api/(" + Pattern.quote(BcSchema.STANDARD_API) + "|"
                    + Pattern.quote(BcSchema.CUSTOM_API) + ")/(.*)");
    private static final Pattern COMPANY = Pattern.compile("companies\\(([0-9a-fA-F-]{36})\\)");
    private static final Pattern RECORD = Pattern.compile("([A-Za-z]+)\\(([0-9a-fA-F-]{36})\\)");

    private final String tenant;
    private final String environment;
    private final Map<String, Company> companies = new LinkedHashMap<>();
    private final AtomicLong version = new AtomicLong(1);
    private final BcBatch batch;
    /** Writes are serialized, so a snapshot-isolated batch can be undone without undoing anyone else's work. */
    private final Object writeLock = new Object();
    private volatile String baseUrl = "http://localhost";

    private record Company(String id, String name, Map<String, BcTable> tables) {
    }

    public BusinessCentralEmulator(TokenService tokens, Clock clock, String tenant, String environment) {
        super(tokens, clock);
        this.tenant = tenant;
        this.environment = environment;
        this.batch = new BcBatch(this::dispatch, this::error, writeLock);
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Adds a company with empty tables and returns its id. */
    public synchronized String addCompany(String id, String name) {
        companies.put(id.toLowerCase(Locale.ROOT), new Company(id, name, BcSchema.createCompanyTables()));
        return id;
    }

    /** Loads a row as seed data, stamping its version but keeping a given lastModifiedDateTime. */
    public void seed(String companyId, String entitySet, ObjectNode row) {
        BcTable table = table(company(companyId), entitySet);
        table.rows().put(stampSeed(table, row));
    }

    /** A batch for loading many seed rows of one entity set, faster than one {@link #seed} call each. */
    public SeedBatch seedBatch(String companyId, String entitySet) {
        return new SeedBatch(table(company(companyId), entitySet));
    }

    /** Seed rows of one entity set, stamped as {@link #seed} stamps them and stored by {@link #store()}. */
    public final class SeedBatch {
        private final BcTable table;
        private final EntityTable.Bulk bulk;

        private SeedBatch(BcTable table) {
            this.table = table;
            this.bulk = table.rows().bulk();
        }

        public void add(ObjectNode row) {
            bulk.add(stampSeed(table, row));
        }

        public int size() {
            return bulk.size();
        }

        public void store() {
            bulk.store();
        }
    }

    private ObjectNode stampSeed(BcTable table, ObjectNode row) {
        if (!row.hasNonNull("lastModifiedDateTime") && table.header() == null) {
            row.put("lastModifiedDateTime", now());
        }
        row.put("@version", version.incrementAndGet());
        return row;
    }

    /** One row as stored, or null. */
    public ObjectNode row(String companyId, String entitySet, String id) {
        return table(company(companyId), entitySet).rows().get(id);
    }

    /** All rows of a company's entity set, as stored: for independent reconciliation. */
    public List<ObjectNode> rows(String companyId, String entitySet) {
        return table(company(companyId), entitySet).rows().select(row -> true);
    }

    @Override
    protected boolean isApiPath(String path) {
        return path.startsWith("/v2.0/");
    }

    @Override
    protected EmulatorResponse serve(EmulatorRequest request, TokenService.Grant grant) {
        return dispatch(request, new Journal());
    }

    private EmulatorResponse dispatch(EmulatorRequest request, Journal journal) {
        Matcher api = API_PATH.matcher(request.path());
        if (!api.matches()) {
            throw new ODataException(404, "BadRequest_NotFound", "No API at " + request.path() + ".");
        }
        if (!api.group(1).equalsIgnoreCase(tenant) || !api.group(2).equals(environment)) {
            throw new ODataException(404, "BadRequest_NotFound",
                    "Environment '" + api.group(2) + "' of tenant '" + api.group(1) + "' was not found.");
        }
        String apiName = api.group(3);
        String[] segments = api.group(4).split("/", -1);
        String method = request.method();
        if (segments.length == 1 && segments[0].equals("$batch")) {
            requireMethod(method, "POST");
            return batch.execute(request, apiBase(apiName));
        }
        if (segments.length == 1 && segments[0].equals("companies")) {
            requireMethod(method, "GET");
            return companies(apiName);
        }
        Matcher companyMatch = COMPANY.matcher(segments[0]);
        if (!companyMatch.matches() || segments.length < 2) {
            throw new ODataException(404, "BadRequest_NotFound", "The request URI is not valid: " + api.group(4) + ".");
        }
        Company company = company(companyMatch.group(1));
        Matcher record = RECORD.matcher(segments[1]);
        if (record.matches()) {
            BcTable table = table(company, record.group(1), apiName);
            String id = record.group(2);
            if (segments.length == 2) {
                return switch (method) {
                    case "GET" -> EmulatorResponse.json(200, withContext(render(company, table, existing(table, id),
                            QueryOptions.parse(withoutExpand(request.query()), table.rows(), true), expansions(table, request)),
                            apiName, table).toString());
                    case "PATCH" -> update(company, writable(table, method), id, request, journal);
                    case "DELETE" -> delete(company, writable(table, method), id, request, journal);
                    default -> throw notAllowed(method);
                };
            }
            if (segments.length == 3 && table.lines() != null && segments[2].equals(table.lines())) {
                existing(table, id);
                BcTable lines = table(company, table.lines(), apiName);
                return switch (method) {
                    case "GET" -> collection(company, lines, request, apiName, row -> row.path("documentId").asText()
                            .equalsIgnoreCase(id));
                    case "POST" -> create(company, lines, id, request, journal);
                    default -> throw notAllowed(method);
                };
            }
            if (segments.length == 3 && segments[2].equals("Microsoft.NAV.shipAndInvoice")
                    && table.name().equals("salesOrders")) {
                requireMethod(method, "POST");
                synchronized (writeLock) {
                    new Documents(this, company.tables(), journal).shipAndInvoice(existing(table, id));
                }
                return EmulatorResponse.empty(204);
            }
            throw new ODataException(404, "BadRequest_NotFound", "The request URI is not valid: " + api.group(4) + ".");
        }
        BcTable table = table(company, segments[1], apiName);
        if (segments.length == 3 && segments[2].equals("$count")) {
            requireMethod(method, "GET");
            QueryOptions options = QueryOptions.parse(request.query(), table.rows(), true);
            long count = options.filter() == null ? table.rows().size() : table.rows().count(options.filter());
            return EmulatorResponse.text(200, String.valueOf(count));
        }
        if (segments.length != 2) {
            throw new ODataException(404, "BadRequest_NotFound", "The request URI is not valid: " + api.group(4) + ".");
        }
        return switch (method) {
            case "GET" -> collection(company, table, request, apiName, null);
            case "POST" -> create(company, writable(table, method), null, request, journal);
            default -> throw notAllowed(method);
        };
    }

    /** Ledger entries are read-only in the API: only posting writes them. */
    private static BcTable writable(BcTable table, String method) {
        if (table.name().equals(BcSchema.ITEM_LEDGER_ENTRIES)) {
            throw notAllowed(method);
        }
        return table;
    }

    private EmulatorResponse companies(String apiName) {
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", apiBase(apiName) + "$metadata#companies");
        ArrayNode value = body.putArray("value");
        for (Company company : companies.values()) {
            ObjectNode row = value.addObject();
            row.put("id", company.id());
            row.put("systemVersion", "27.0.38460.0");
            row.put("name", company.name());
            row.put("displayName", company.name());
            row.put("businessProfileId", "");
        }
        return EmulatorResponse.json(200, body.toString());
    }

    /** @param scope the rows the collection holds, or null for the whole table */
    private EmulatorResponse collection(Company company, BcTable table, EmulatorRequest request, String apiName,
                                        Predicate<ObjectNode> scope) {
        String preference = request.preference("odata.maxpagesize");
        int pageSize = MAX_PAGE_SIZE;
        if (preference != null) {
            try {
                pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Integer.parseInt(preference.trim())));
            } catch (NumberFormatException e) {
                throw new ODataException(400, "BadRequest", "odata.maxpagesize must be a number, was '" + preference + "'.");
            }
        }
        QueryOptions options = QueryOptions.parse(withoutExpand(request.query()), table.rows(), true);
        List<String> expand = expansions(table, request);
        String context = apiBase(apiName) + "$metadata#companies(" + company.id() + ")/" + table.name();
        EmulatorResponse response;
        if (scope == null && expand.isEmpty() && options.select().isEmpty() && PageQuery.onlyPages(options)) {
            PageQuery.StoredPage page = PageQuery.runStored(table.rows(), options, pageSize);
            response = EmulatorResponse.json(200, StoredPageWriter.write(context, page, nextLink(request, page.nextToken())));
        } else {
            PageQuery.Page page = PageQuery.run(table.rows(), options, pageSize, scope == null ? row -> true : scope);
            ObjectNode body = json.createObjectNode();
            body.put("@odata.context", context);
            if (options.count()) {
                body.put("@odata.count", page.total());
            }
            ArrayNode value = body.putArray("value");
            for (ObjectNode row : page.rows()) {
                value.add(render(company, table, row, options, expand));
            }
            if (page.nextToken() != null) {
                body.put("@odata.nextLink", nextLink(request, page.nextToken()));
            }
            response = EmulatorResponse.json(200, body.toString());
        }
        return preference == null ? response : response.withHeader("Preference-Applied", "odata.maxpagesize=" + pageSize);
    }

    private String nextLink(EmulatorRequest request, String nextToken) {
        return nextToken == null ? null : Links.nextLink(baseUrl, request.path(), request.rawQuery(), nextToken);
    }

    /** {@code $expand} names document lines only; anything else is refused rather than ignored. */
    private static List<String> expansions(BcTable table, EmulatorRequest request) {
        String expand = request.query().get("$expand");
        if (expand == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String name : expand.split(",")) {
            String trimmed = name.trim();
            if (table.lines() == null || !trimmed.equals(table.lines())) {
                throw new ODataException(400, "BadRequest", "Could not find a navigation property named '" + trimmed
                        + "' on '" + table.name() + "'.");
            }
            names.add(trimmed);
        }
        return names;
    }

    private static Map<String, String> withoutExpand(Map<String, String> query) {
        query.remove("$expand");
        return query;
    }

    private EmulatorResponse create(Company company, BcTable table, String documentId, EmulatorRequest request,
                                    Journal journal) {
        ObjectNode body = JsonBodies.object(request.body(), "BadRequest");
        synchronized (writeLock) {
            Documents documents = new Documents(this, company.tables(), journal);
            JsonNode deepLines = table.lines() == null ? null : body.remove(table.lines());
            ObjectNode row = insert(company, table, documentId, body, journal);
            if (deepLines != null) {
                // A deep insert: the document and its lines in one request (apis.md B4).
                if (!deepLines.isArray()) {
                    throw new ODataException(400, "BadRequest", table.lines() + " must be an array.");
                }
                for (JsonNode line : deepLines) {
                    if (!(line instanceof ObjectNode lineFields)) {
                        throw new ODataException(400, "BadRequest", "Each of " + table.lines() + " must be an object.");
                    }
                    BcTable lines = table(company, table.lines());
                    documents.afterWrite(lines, insert(company, lines, row.get("id").asText(), lineFields, journal));
                }
            }
            documents.afterWrite(table, row);
            ObjectNode stored = table.rows().get(row.get("id").asText());
            return EmulatorResponse.json(201, render(company, table, stored, QueryOptions.parse(Map.of(), table.rows(), true),
                    deepLines != null ? List.of(table.lines()) : List.of()).toString());
        }
    }

    private ObjectNode insert(Company company, BcTable table, String documentId, ObjectNode body, Journal journal) {
        ObjectNode row = json.createObjectNode();
        row.put("id", UUID.randomUUID().toString());
        if (table.header() != null) {
            String header = documentId != null ? documentId : body.path("documentId").asText("");
            if (header.isEmpty() || !table(company, table.header()).rows().contains(header)) {
                throw new ODataException(400, "BadRequest", "A line needs the id of an existing " + table.header()
                        + " as documentId.");
            }
            row.put("documentId", header.toLowerCase(Locale.ROOT));
            body.remove("documentId");
        }
        apply(company, table, row, body);
        if (table.rows().hasColumn("number") && !row.hasNonNull("number") && table.header() == null) {
            row.put("number", nextNumber(table));
        }
        if (table.header() != null) {
            completeLine(company, table, row);
        }
        fillBlanks(table, row);
        stamp(table, row);
        journal.put(table.rows(), row);
        return row;
    }

    /**
     * What BC fills in a new line: the next line number after the document's last, and for an item the item's
     * base unit of measure when the line names none (BC validates the item number into the line).
     */
    private void completeLine(Company company, BcTable table, ObjectNode line) {
        if (!line.has("sequence")) {
            int last = table.rows().withIndexed(line.get("documentId").asText()).stream()
                    .mapToInt(other -> other.path("sequence").asInt()).max().orElse(0);
            line.put("sequence", last + 10000);
        }
        ObjectNode item = table(company, "items").rows().get(line.path("itemId").asText(EMPTY_GUID));
        if (item == null) {
            return;
        }
        line.put("lineType", "Item");
        if (line.path("unitOfMeasureId").asText(EMPTY_GUID).equals(EMPTY_GUID)) {
            line.put("unitOfMeasureId", item.path("baseUnitOfMeasureId").asText(EMPTY_GUID));
            line.put("unitOfMeasureCode", item.path("baseUnitOfMeasureCode").asText(""));
        }
    }

    /** BC gives every field of a new record a value: what the create left out is blank, never absent. */
    private static void fillBlanks(BcTable table, ObjectNode row) {
        for (Column column : table.rows().columns()) {
            if (row.has(column.name()) || column.readOnly()) {
                continue;
            }
            switch (column.type()) {
                case STRING -> row.put(column.name(), column.blank() == null ? "" : column.blank());
                case GUID -> row.put(column.name(), EMPTY_GUID);
                case INTEGER, DECIMAL -> row.put(column.name(), 0);
                case BOOLEAN -> row.put(column.name(), false);
                case DATE -> row.put(column.name(), "0001-01-01");
                case DATE_TIME -> row.put(column.name(), "0001-01-01T00:00:00Z");
            }
        }
    }

    private EmulatorResponse update(Company company, BcTable table, String id, EmulatorRequest request, Journal journal) {
        ObjectNode body = JsonBodies.object(request.body(), "BadRequest");
        synchronized (writeLock) {
            ObjectNode row = existing(table, id);
            checkConcurrency(request, row);
            if (table.lines() != null && body.has(table.lines())) {
                throw new ODataException(400, "BadRequest", "Deep updates are not supported; update each of "
                        + table.lines() + " on its own.");
            }
            apply(company, table, row, body);
            stamp(table, row);
            journal.put(table.rows(), row);
            new Documents(this, company.tables(), journal).afterWrite(table, row);
            ObjectNode stored = table.rows().get(id);
            return EmulatorResponse.json(200, render(company, table, stored,
                    QueryOptions.parse(Map.of(), table.rows(), true), List.of()).toString());
        }
    }

    private EmulatorResponse delete(Company company, BcTable table, String id, EmulatorRequest request, Journal journal) {
        synchronized (writeLock) {
            ObjectNode row = existing(table, id);
            checkConcurrency(request, row);
            new Documents(this, company.tables(), journal).delete(table, row);
            return EmulatorResponse.empty(204);
        }
    }

    /** BC refuses a write without If-Match (400) and one whose ETag is stale (409), apis.md B4. */
    private static void checkConcurrency(EmulatorRequest request, ObjectNode row) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null) {
            throw new ODataException(400, "BadRequest_InvalidToken", "Could not validate the client concurrency token "
                    + "required by the service. Please provide a valid token in the client request.");
        }
        if (!ifMatch.equals("*") && !ifMatch.equals(etag(row))) {
            throw new ODataException(409, "Request_EntityChanged", "Another user has already changed the record.");
        }
    }

    /** Copies the body's fields onto {@code row}, checking each, then resolves GUID/code companions. */
    private void apply(Company company, BcTable table, ObjectNode row, ObjectNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            Column column = table.rows().column(name);
            if (column == null || name.equals("id") || name.equals("documentId")) {
                throw new ODataException(400, "BadRequest_PropertyNotFound",
                        "The property '" + name + "' does not exist on type 'Microsoft.NAV." + singular(table.name()) + "'.");
            }
            if (column.readOnly()) {
                throw new ODataException(400, "BadRequest_MethodNotAllowed", "The property '" + name + "' is read-only.");
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
        for (Reference reference : table.references()) {
            resolve(company, table, row, body, reference);
        }
    }

    /**
     * Keeps a GUID field and its code companion in step: the one the body set decides the other, and it must
     * name an existing row; an empty code or the empty GUID means none (for currencies: the local currency).
     */
    private void resolve(Company company, BcTable table, ObjectNode row, ObjectNode body, Reference reference) {
        boolean idGiven = body.has(reference.idColumn());
        boolean codeGiven = reference.codeColumn() != null && body.has(reference.codeColumn());
        if (!idGiven && !codeGiven) {
            return;
        }
        BcTable target = table(company, reference.targetSet());
        String id = row.path(reference.idColumn()).asText("");
        ObjectNode found = null;
        if (codeGiven && !idGiven) {
            String code = row.path(reference.codeColumn()).asText("");
            if (!code.isEmpty()) {
                found = target.rows().withIndexed(code).stream().findFirst().orElseThrow(() -> notFound(table,
                        reference.codeColumn(), code, reference.targetSet()));
            }
        } else if (!id.isEmpty() && !id.equals(EMPTY_GUID)) {
            found = target.rows().get(id);
            if (found == null) {
                throw notFound(table, reference.idColumn(), id, reference.targetSet());
            }
        }
        row.put(reference.idColumn(), found == null ? EMPTY_GUID : found.get("id").asText());
        if (reference.codeColumn() != null) {
            row.put(reference.codeColumn(), found == null ? "" : found.path(reference.targetCodeColumn()).asText());
        }
    }

    private static ODataException notFound(BcTable table, String field, String value, String targetSet) {
        return new ODataException(400, "Internal_RecordNotFound", "The field " + field + " of " + singular(table.name())
                + " contains a value (" + value + ") that cannot be found in the related table (" + targetSet + ").");
    }

    /** The next number of the table's number series, as BC assigns when none is given. */
    private static String nextNumber(BcTable table) {
        return String.format(Locale.ROOT, "%s%06d", singular(table.name()).substring(0, 1).toUpperCase(Locale.ROOT),
                table.rows().size() + 1_000_001);
    }

    /** Today's date as BC would post with it. */
    String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    void stamp(BcTable table, ObjectNode row) {
        if (table.rows().hasColumn("lastModifiedDateTime")) {
            row.put("lastModifiedDateTime", now());
        }
        row.put("@version", version.incrementAndGet());
    }

    /** Always with milliseconds, as BC writes them: Instant.toString() leaves out a fraction of zero. */
    private String now() {
        return STAMP.format(clock.instant());
    }

    private ObjectNode render(Company company, BcTable table, ObjectNode row, QueryOptions options, List<String> expand) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.etag", etag(row));
        if (options.select().isEmpty()) {
            row.properties().forEach(field -> {
                if (!field.getKey().startsWith("@")) {
                    out.set(field.getKey(), field.getValue());
                }
            });
        } else {
            out.set("id", row.get("id"));
            for (String name : options.select()) {
                out.set(name, row.has(name) ? row.get(name) : json.nullNode());
            }
        }
        for (String lines : expand) {
            BcTable lineTable = table(company, lines);
            ArrayNode expanded = out.putArray(lines);
            QueryOptions all = QueryOptions.parse(Map.of(), lineTable.rows(), true);
            for (ObjectNode line : lineTable.rows().withIndexed(row.get("id").asText())) {
                expanded.add(render(company, lineTable, line, all, List.of()));
            }
        }
        return out;
    }

    private ObjectNode withContext(ObjectNode entity, String apiName, BcTable table) {
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", apiBase(apiName) + "$metadata#companies/" + table.name() + "/$entity");
        body.setAll(entity);
        return body;
    }

    /** An opaque weak ETag that changes on every write, shaped like BC's. */
    static String etag(ObjectNode row) {
        return etag(row.path("@version").asLong());
    }

    static String etag(long version) {
        String inner = "'" + version + ";'";
        return "W/\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    private String apiBase(String apiName) {
        return baseUrl + "/v2.0/" + tenant + "/" + environment + "/api/" + apiName + "/";
    }

    private Company company(String id) {
        Company company = companies.get(id.toLowerCase(Locale.ROOT));
        if (company == null) {
            throw new ODataException(404, "Internal_CompanyNotFound", "Cannot find company " + id + ".");
        }
        return company;
    }

    private static BcTable table(Company company, String entitySet) {
        BcTable table = company.tables().get(entitySet);
        if (table == null) {
            throw new ODataException(404, "BadRequest_NotFound", "Resource not found for the segment '" + entitySet + "'.");
        }
        return table;
    }

    /** A table as seen through one API: the standard API does not serve the custom page's sets, nor vice versa. */
    private static BcTable table(Company company, String entitySet, String apiName) {
        BcTable table = table(company, entitySet);
        if (!table.api().equals(apiName)) {
            throw new ODataException(404, "BadRequest_NotFound", "Resource not found for the segment '" + entitySet + "'.");
        }
        return table;
    }

    private static ObjectNode existing(BcTable table, String id) {
        ObjectNode row = table.rows().get(id);
        if (row == null) {
            throw new ODataException(404, "Internal_RecordNotFound", "The " + singular(table.name())
                    + " does not exist. Identification fields and values: Id='" + id + "'");
        }
        return row;
    }

    private static String singular(String set) {
        return set.endsWith("ies") ? set.substring(0, set.length() - 3) + "y" : set.substring(0, set.length() - 1);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw notAllowed(method);
        }
    }

    private static ODataException notAllowed(String method) {
        return new ODataException(405, "BadRequest_MethodNotAllowed", "'" + method + "' requests are not allowed here.");
    }

    @Override
    protected EmulatorResponse error(ODataException e) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code().startsWith("0x") ? "BadRequest" : e.code());
        error.put("message", e.getMessage() + "  CorrelationId:  " + UUID.randomUUID() + ".");
        return EmulatorResponse.json(e.status(), body.toString());
    }

    @Override
    protected EmulatorResponse unauthorized() {
        return error(new ODataException(401, "Authentication_InvalidCredentials",
                "The server has rejected the client credentials."))
                .withHeader("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\"");
    }

    @Override
    protected ODataException throttled(ServiceLimits.Exceeded e) {
        var limits = e.settings();
        return switch (e.limit()) {
            case CONCURRENCY -> new ODataException(429, "Application_TooManyRequests", "Too many concurrent requests: "
                    + "at most " + limits.concurrentRequests() + " per user may be processed or queued.",
                    e.retryAfterSeconds());
            default -> new ODataException(429, "Application_TooManyRequests", "Rate limit exceeded: at most "
                    + limits.requestsPerWindow() + " requests per " + limits.windowSeconds() + " seconds per user.",
                    e.retryAfterSeconds());
        };
    }

    @Override
    protected ODataException injectedThrottle(long retryAfterSeconds) {
        return new ODataException(429, "Application_TooManyRequests", "Rate limit exceeded.", retryAfterSeconds);
    }

    @Override
    protected ODataException injectedServerError() {
        return new ODataException(503, "Internal_ServiceUnavailable", "The service is temporarily unavailable.");
    }

    @Override
    protected String notFoundCode() {
        return "BadRequest_NotFound";
    }

    @Override
    protected List<EntityTable> tables() {
        List<EntityTable> all = new ArrayList<>();
        companies.values().forEach(company -> company.tables().values().forEach(table -> all.add(table.rows())));
        return all;
    }

    /** Admin paths name sets of the first company: the emulators serve one company unless a test adds more. */
    private Company defaultCompany() {
        return companies.values().iterator().next();
    }

    @Override
    protected EntityTable adminTable(String entitySet) {
        return table(defaultCompany(), entitySet).rows();
    }

    @Override
    protected ObjectNode writeAsUser(String entitySet, String id, ObjectNode fields) {
        Company company = defaultCompany();
        BcTable table = table(company, entitySet);
        synchronized (writeLock) {
            Journal journal = new Journal();
            if (table.name().equals(BcSchema.ITEM_LEDGER_ENTRIES)) {
                // a user posts an item journal line; posted entries are never edited
                if (id != null) {
                    throw notAllowed("PATCH");
                }
                return new Documents(this, company.tables(), journal).postItemJournalLine(fields);
            }
            ObjectNode row;
            if (id == null) {
                row = insert(company, table, null, fields, journal);
            } else {
                row = existing(table, id);
                apply(company, table, row, fields);
                stamp(table, row);
                journal.put(table.rows(), row);
            }
            new Documents(this, company.tables(), journal).afterWrite(table, row);
            return table.rows().get(row.get("id").asText());
        }
    }

    @Override
    protected void deleteAsUser(String entitySet, String id) {
        Company company = defaultCompany();
        BcTable table = table(company, entitySet);
        synchronized (writeLock) {
            new Documents(this, company.tables(), new Journal()).delete(writable(table, "DELETE"), existing(table, id));
        }
    }
}
