package org.crmsync.activities.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.http.ClientCredentials;
import org.crmsync.activities.http.ODataHttp;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.http.ODataReader;
import org.crmsync.activities.profile.BusinessCentralConnection;

/** Business Central API v2.0 for one company (apis.md Part B). */
public final class BusinessCentralClient implements ODataReader, AutoCloseable {

    /** The largest page BC serves online (apis.md B3). */
    public static final int MAX_PAGE_SIZE = 20_000;

    /**
     * The entity sets of crmsync's custom API page, for the tables API v2.0 does not expose (apis.md B1 and
     * B2: custom API pages); every other set is API v2.0's.
     */
    private static final Set<String> CUSTOM_API_SETS = Set.of("shippingAgents", "customerPriceGroups",
            "priceListHeaders", "priceListLines", "contactBusinessRelations");

    private final ODataHttp http;
    private final String companyUrl;
    private final String customUrl;

    public BusinessCentralClient(String profile, BusinessCentralConnection connection) {
        String setting = "crmsync.profiles." + profile + ".business-central";
        this.http = new ODataHttp("Business Central", setting + ".url",
                new ClientCredentials(connection.tokenUrl(), connection.clientId(), connection.clientSecret(),
                        connection.scope(), "the secret in CRMSYNC_BC_CLIENT_SECRET (or " + setting + ".client-secret)"),
                Map.of(),
                // Pages of 20,000 rows can take minutes online (apis.md B7: 8-minute operation limit).
                Duration.ofMinutes(8));
        String environmentUrl = connection.url() + "/v2.0/" + connection.tenant() + "/" + connection.environment();
        this.companyUrl = environmentUrl + "/api/v2.0/companies(" + connection.companyId() + ")/";
        this.customUrl = environmentUrl + "/api/crmsync/integration/v1.0/companies(" + connection.companyId() + ")/";
    }

    /** The first page of an entity set; {@code filter} and {@code select} may be null. */
    @Override
    public ODataPage firstPage(String entitySet, String filter, String select, int pageSize) {
        return nextPage(pageUrl(entitySet, filter, select), pageSize);
    }

    /** The URL of an entity set, on API v2.0 or on crmsync's custom API page. */
    private String setUrl(String entitySet) {
        return (CUSTOM_API_SETS.contains(entitySet) ? customUrl : companyUrl) + entitySet;
    }

    private String pageUrl(String entitySet, String filter, String select) {
        StringBuilder url = new StringBuilder(setUrl(entitySet));
        char separator = '?';
        if (filter != null) {
            url.append(separator).append("$filter=").append(encode(filter));
            separator = '&';
        }
        if (select != null) {
            url.append(separator).append("$select=").append(encode(select));
        }
        return url.toString();
    }

    /** The page at a nextLink, requested verbatim. */
    @Override
    public ODataPage nextPage(String link, int pageSize) {
        JsonNode body = http.send(HttpRequest.GET(URI.create(link))
                .header("Prefer", "odata.maxpagesize=" + pageSize)).body();
        return ODataPage.of(body);
    }

    /** Every row of an entity set, for small reference tables such as currencies and salespeople. */
    public List<ObjectNode> readAll(String entitySet, String filter) {
        List<ObjectNode> rows = new ArrayList<>();
        for (ODataPage page = nextPage(pageUrl(entitySet, filter, null), MAX_PAGE_SIZE); ;
             page = nextPage(page.nextLink(), MAX_PAGE_SIZE)) {
            rows.addAll(page.rows());
            if (page.nextLink() == null) {
                return rows;
            }
        }
    }

    public long count(String entitySet, String filter) {
        String url = setUrl(entitySet) + "/$count" + (filter == null ? "" : "?$filter=" + encode(filter));
        JsonNode body = http.send(HttpRequest.GET(URI.create(url))).body();
        return body.asLong();
    }

    /** The highest {@code entryNumber} of a ledger, 0 while it is empty: where reading its new entries starts. */
    public long lastEntryNumber(String ledger) {
        JsonNode body = http.send(HttpRequest.GET(URI.create(setUrl(ledger) + "?$select=entryNumber&$orderby="
                + encode("entryNumber desc") + "&$top=1"))).body();
        JsonNode last = body.path("value").path(0);
        return last.path("entryNumber").asLong(0);
    }

    /** POST: creates a record, whose id and number BC assigns. Returns the created entity. */
    public ObjectNode create(String entitySet, ObjectNode fields) {
        return (ObjectNode) http.send(HttpRequest.POST(URI.create(setUrl(entitySet)), fields.toString())
                .contentType("application/json")).body();
    }

    /**
     * PATCH with {@code If-Match}: BC refuses an update without one (apis.md B4). With the ETag last read a
     * change made meanwhile is refused (409) rather than overwritten; null sends {@code *}. Returns the updated
     * entity.
     */
    public ObjectNode update(String entitySet, String id, ObjectNode changes, String etag) {
        return (ObjectNode) http.send(HttpRequest.PATCH(URI.create(setUrl(entitySet) + "(" + id + ")"),
                changes.toString()).contentType("application/json").header("If-Match", etag == null ? "*" : etag))
                .body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        http.close();
    }
}
