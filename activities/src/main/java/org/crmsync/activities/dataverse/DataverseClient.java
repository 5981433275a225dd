package org.crmsync.activities.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crmsync.activities.http.ClientCredentials;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.http.ODataHttp;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.http.ODataReader;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.http.TransientFailure;
import org.crmsync.activities.profile.DataverseConnection;

/** The Dataverse Web API v9.2 (apis.md Part A). */
public final class DataverseClient implements ODataReader, AutoCloseable {

    /** The largest page Dataverse serves (apis.md A4). */
    public static final int MAX_PAGE_SIZE = 5000;
    /** The language of the labels crmsync writes: English (United States), Dataverse's base language by default. */
    private static final int ENGLISH = 1033;

    private final ObjectMapper json = new ObjectMapper();
    private final ODataHttp http;
    private final String apiUrl;
    /** WhoAmI's answer: a client's credentials are one user, in one business unit, for good. */
    private volatile JsonNode caller;
    private volatile String defaultTeamId;

    /** Signed in as the profile's integration user. */
    public DataverseClient(String profile, DataverseConnection connection) {
        this(profile, connection, "CRMSYNC_DATAVERSE_CLIENT_SECRET", "client-secret");
    }

    /** Signed in with the profile's administrator credential, which only the setup guide uses. */
    public static DataverseClient administrator(String profile, DataverseConnection connection) {
        return new DataverseClient(profile, connection, "CRMSYNC_DATAVERSE_ADMIN_CLIENT_SECRET", "admin-client-secret");
    }

    private DataverseClient(String profile, DataverseConnection connection, String secretVariable, String secretKey) {
        String setting = "crmsync.profiles." + profile + ".dataverse";
        this.http = new ODataHttp("Dataverse", setting + ".url",
                new ClientCredentials(connection.tokenUrl(), connection.clientId(), connection.clientSecret(),
                        connection.scope(), "the secret in " + secretVariable + " (or " + setting + "." + secretKey + ")"),
                Map.of("OData-MaxVersion", "4.0", "OData-Version", "4.0"),
                Duration.ofMinutes(2));
        this.apiUrl = connection.url() + "/api/data/v9.2/";
    }

    @Override
    public ODataPage firstPage(String entitySet, String filter, String select, int pageSize) {
        StringBuilder url = new StringBuilder(apiUrl).append(entitySet).append("?$select=").append(encode(select));
        if (filter != null) {
            url.append("&$filter=").append(encode(filter));
        }
        return nextPage(url.toString(), pageSize);
    }

    /** Follows a nextLink verbatim, resending the same page size (apis.md A4). */
    @Override
    public ODataPage nextPage(String link, int pageSize) {
        return ODataPage.of(http.send(HttpRequest.GET(URI.create(link))
                .header("Prefer", "odata.maxpagesize=" + Math.min(pageSize, MAX_PAGE_SIZE))).body());
    }

    /** Every row matching {@code filter}, for small reference tables such as currencies and users. */
    public List<ObjectNode> readAll(String entitySet, String filter, String select) {
        List<ObjectNode> rows = new ArrayList<>();
        for (ODataPage page = firstPage(entitySet, filter, select, MAX_PAGE_SIZE); ;
             page = nextPage(page.nextLink(), MAX_PAGE_SIZE)) {
            rows.addAll(page.rows());
            if (page.nextLink() == null) {
                return rows;
            }
        }
    }

    /** Rows matching {@code filter}; Dataverse stops counting at 5000 (apis.md A3). */
    public long count(String entitySet, String keyColumn, String filter) {
        String url = apiUrl + entitySet + "?$select=" + keyColumn + "&$count=true"
                + (filter == null ? "" : "&$filter=" + encode(filter));
        return http.send(HttpRequest.GET(URI.create(url)).header("Prefer", "odata.maxpagesize=1")).body()
                .path("@odata.count").asLong();
    }

    /** Creates or updates the row with this primary key (PATCH without If-Match, apis.md A5). */
    public void upsert(String entitySet, String id, ObjectNode row) {
        http.send(HttpRequest.PATCH(URI.create(apiUrl + entitySet + "(" + id + ")"), row.toString())
                .contentType("application/json"));
    }

    /** Deletes the row with this primary key; one that is gone already (a retried delete) counts as deleted. */
    public void delete(String entitySet, String id) {
        try {
            http.send(HttpRequest.DELETE(apiUrl + entitySet + "(" + id + ")"));
        } catch (RequestRejected refused) {
            if (refused.status() != 404) {
                throw refused;
            }
        }
    }

    /**
     * Upserts rows in one request. All or nothing: one bad row fails the request and writes none
     * (peers.md §2.3). Each row must carry its primary key. Sent again, the request leaves the rows as sending it
     * once did, so a lost answer is tried again in place.
     */
    public void upsertMultiple(String entitySet, String logicalName, List<ObjectNode> rows) {
        http.sendUpsert(upsertMultipleRequest(entitySet, logicalName, rows));
    }

    /**
     * Upserts rows in one request, as {@link #upsertMultiple}, where new rows set what only a create may (a line's
     * document): sent again after a lost answer, the request would be refused for the rows its first sending
     * created. So it is sent once, and a failure goes to the page's retry, which reads which rows exist.
     */
    public void upsertMultipleWithNewRows(String entitySet, String logicalName, List<ObjectNode> rows) {
        http.send(upsertMultipleRequest(entitySet, logicalName, rows));
    }

    private MutableHttpRequest<String> upsertMultipleRequest(String entitySet, String logicalName,
                                                             List<ObjectNode> rows) {
        ObjectNode body = json.createObjectNode();
        ArrayNode targets = body.putArray("Targets");
        for (ObjectNode row : rows) {
            ObjectNode target = targets.addObject();
            target.put("@odata.type", "Microsoft.Dynamics.CRM." + logicalName);
            target.setAll(row);
        }
        return HttpRequest.POST(URI.create(apiUrl + entitySet + "/Microsoft.Dynamics.CRM.UpsertMultiple"),
                body.toString()).contentType("application/json");
    }

    /**
     * Upserts rows, one PATCH each, in one {@code $batch} that goes on after a failure (apis.md A6,
     * {@code Prefer: odata.continue-on-error}): for tables without UpsertMultiple.
     *
     * @param rows the rows by primary key, at most 1000
     * @return per row, in order, null when written or the service's reason for refusing it
     */
    public List<String> upsertBatch(String entitySet, List<Map.Entry<String, ObjectNode>> rows) {
        return patchBatch(entitySet, rows, "");
    }

    /**
     * Updates rows that exist, one PATCH with {@code If-Match: *} each, in one {@code $batch} that goes on after a
     * failure: a row that is gone is refused (404), not created.
     *
     * @param rows the changed columns by primary key, at most 1000
     * @return per row, in order, null when written or the service's reason for refusing it
     */
    public List<String> updateBatch(String entitySet, List<Map.Entry<String, ObjectNode>> rows) {
        return patchBatch(entitySet, rows, "If-Match: *\r\n");
    }

    private List<String> patchBatch(String entitySet, List<Map.Entry<String, ObjectNode>> rows, String headers) {
        String boundary = "batch_" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, ObjectNode> row : rows) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                    .append("PATCH ").append(apiUrl).append(entitySet).append('(').append(row.getKey())
                    .append(") HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n").append(headers)
                    .append("\r\n").append(row.getValue()).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        ODataHttp.Reply reply = http.sendUpsert(HttpRequest.POST(URI.create(apiUrl + "$batch"), body.toString())
                .contentType("multipart/mixed; boundary=" + boundary)
                .header("Prefer", "odata.continue-on-error"));
        List<String> outcomes = BatchResponse.outcomes(reply.text(), reply.headers().get("Content-Type"));
        if (outcomes.size() != rows.size()) {
            throw new TransientFailure("Dataverse answered a $batch of " + rows.size() + " requests with "
                    + outcomes.size() + " results", null);
        }
        return outcomes;
    }

    /** The version of an installed solution, by its unique name; empty when it is not installed. */
    public Optional<String> solutionVersion(String uniqueName) {
        return readAll("solutions", "uniquename eq '" + uniqueName.replace("'", "''") + "'", "version").stream()
                .map(solution -> solution.path("version").asText()).findFirst();
    }

    /** Imports a solution from its compressed file ({@code ImportSolution}); needs prvImportSolution. */
    public void importSolution(byte[] file) {
        ObjectNode body = json.createObjectNode();
        body.put("OverwriteUnmanagedCustomizations", false);
        body.put("PublishWorkflows", true);
        body.put("CustomizationFile", file);
        body.put("ImportJobId", UUID.randomUUID().toString());
        http.send(HttpRequest.POST(URI.create(apiUrl + "ImportSolution"), body.toString())
                .contentType("application/json"));
    }

    /**
     * The options of a choice column, value → label: the metadata of {@code logicalName}'s attribute
     * {@code column}, cast to a picklist with its option set expanded.
     */
    public Map<Integer, String> options(String logicalName, String column) {
        JsonNode body = http.send(HttpRequest.GET(URI.create(attributeUrl(logicalName, column)
                + "/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet"))).body();
        Map<Integer, String> options = new LinkedHashMap<>();
        for (JsonNode option : body.path("OptionSet").path("Options")) {
            options.put(option.path("Value").asInt(),
                    option.path("Label").path("UserLocalizedLabel").path("Label").asText(""));
        }
        return options;
    }

    /** Adds an option labelled {@code label} to a choice column; returns the value Dataverse gave it. */
    public int insertOption(String logicalName, String column, String label) {
        ObjectNode body = optionAction(logicalName, column, label);
        return http.send(HttpRequest.POST(URI.create(apiUrl + "InsertOptionValue"), body.toString())
                .contentType("application/json")).body().path("NewOptionValue").asInt();
    }

    /** Gives the option {@code value} of a choice column the label {@code label}. */
    public void relabelOption(String logicalName, String column, int value, String label) {
        ObjectNode body = optionAction(logicalName, column, label);
        body.put("Value", value);
        body.put("MergeLabels", true);
        http.send(HttpRequest.POST(URI.create(apiUrl + "UpdateOptionValue"), body.toString())
                .contentType("application/json"));
    }

    private ObjectNode optionAction(String logicalName, String column, String label) {
        ObjectNode body = json.createObjectNode();
        body.put("EntityLogicalName", logicalName);
        body.put("AttributeLogicalName", column);
        ObjectNode localized = body.putObject("Label").putArray("LocalizedLabels").addObject();
        localized.put("Label", label);
        localized.put("LanguageCode", ENGLISH);
        return body;
    }

    private String attributeUrl(String logicalName, String column) {
        return apiUrl + "EntityDefinitions(LogicalName='" + logicalName + "')/Attributes(LogicalName='" + column + "')";
    }

    /** Gives a user a security role, by associating the role with the user. */
    public void assignRole(String userId, String roleId) {
        associateRole("systemusers(" + userId + ")/systemuserroles_association", roleId);
    }

    /** Gives a team a security role, by associating the role with the team. */
    public void assignTeamRole(String teamId, String roleId) {
        associateRole("teams(" + teamId + ")/teamroles_association", roleId);
    }

    private void associateRole(String association, String roleId) {
        ObjectNode role = json.createObjectNode().put("@odata.id", apiUrl + "roles(" + roleId + ")");
        http.send(HttpRequest.POST(URI.create(apiUrl + association + "/$ref"), role.toString())
                .contentType("application/json"));
    }

    /**
     * The default team of the caller's business unit (every business unit has one), asked once: in the Team
     * ownership model the rows the integration creates belong to it.
     */
    public String defaultTeam() {
        String id = defaultTeamId;
        if (id == null) {
            String businessUnit = businessUnit();
            List<ObjectNode> teams = readAll("teams", "isdefault eq true and _businessunitid_value eq " + businessUnit,
                    "teamid");
            if (teams.isEmpty()) {
                throw new ConfigurationFailure("Dataverse has no default team in business unit " + businessUnit
                        + " of the integration user to own the rows crmsync creates in the Team ownership model");
            }
            id = teams.get(0).path("teamid").asText();
            defaultTeamId = id;
        }
        return id;
    }

    /** The caller's systemuserid. */
    public String whoAmI() {
        return caller().path("UserId").asText();
    }

    /** The caller's business unit: where its default team is, and the copies of the roles it may be given. */
    public String businessUnit() {
        return caller().path("BusinessUnitId").asText();
    }

    private JsonNode caller() {
        JsonNode answer = caller;
        if (answer == null) {
            answer = http.send(HttpRequest.GET(URI.create(apiUrl + "WhoAmI"))).body();
            caller = answer;
        }
        return answer;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        http.close();
    }
}
