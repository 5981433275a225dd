package org.crmsync.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulators answer over real HTTP the way apis.md says the services do, refusals included. */
class ProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Emulators emulators;
    private static String dataverse;
    private static String bc;

    @BeforeAll
    static void start() {
        emulators = Emulators.start(120, 3, 0, 0);
        dataverse = emulators.dataverseUrl() + "/api/data/v9.2/";
        bc = emulators.bcUrl() + "/v2.0/" + DemoCompany.TENANT + "/" + DemoCompany.ENVIRONMENT
                + "/api/v2.0/companies(" + DemoCompany.COMPANY_ID + ")/";
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    private static HttpResponse<String> requestToken(String root, String secret) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(root + "/t/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + TokenService.DEMO_CLIENT_ID + "&client_secret=" + secret + "&scope=x%2F.default")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String root) throws Exception {
        HttpResponse<String> reply = requestToken(root, TokenService.DEMO_CLIENT_SECRET);
        assertEquals(200, reply.statusCode(), reply.body());
        return JSON.readTree(reply.body()).get("access_token").asText();
    }

    /** The service refused with this status and named the reason in its error body. */
    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(reason), response.body());
    }

    private static HttpResponse<String> send(String method, String url, String token, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callsWithoutAValidTokenAreRefusedWith401() throws Exception {
        assertEquals(401, send("GET", dataverse + "WhoAmI", null, null).statusCode());
        assertEquals(401, send("GET", bc + "customers", "forged", null).statusCode());
        assertRefused(requestToken(emulators.bcUrl(), "wrong"), 401, "invalid_client");
    }

    @Test
    void followingTheNextLinkVerbatimVisitsEveryRowOnce() throws Exception {
        String token = token(emulators.bcUrl());
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String link = bc + "customers?$filter=" + "blocked%20eq%20'%20'" + "&$select=number";
        while (link != null) {
            JsonNode page = JSON.readTree(send("GET", link, token, null, "Prefer", "odata.maxpagesize=25").body());
            page.get("value").forEach(row -> assertTrue(seen.add(row.get("number").asText()), "seen twice"));
            link = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            pages++;
        }
        long eligible = emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                .filter(c -> c.path("blocked").asText().isBlank()).count();
        assertEquals(eligible, seen.size());
        assertEquals((eligible + 24) / 25, pages);
    }

    @Test
    void dataversePagesCarryAPagingCookieThatBreaksWhenReEncoded() throws Exception {
        String token = token(emulators.dataverseUrl());
        JsonNode first = JSON.readTree(send("GET", dataverse + "systemusers?$select=fullname", token, null,
                "Prefer", "odata.maxpagesize=2").body());
        String next = first.get("@odata.nextLink").asText();
        assertTrue(next.contains("$skiptoken=%3Ccookie"), next);
        assertEquals(200, send("GET", next, token, null, "Prefer", "odata.maxpagesize=2").statusCode());
        String reEncoded = next.replace("%", "%25");
        assertEquals(400, send("GET", reEncoded, token, null, "Prefer", "odata.maxpagesize=2").statusCode());
    }

    @Test
    void businessCentralUpdatesNeedIfMatchAndRefuseAStaleOne() throws Exception {
        String token = token(emulators.bcUrl());
        JsonNode salesperson = JSON.readTree(send("GET", bc + "salespeoplePurchasers", token, null).body())
                .get("value").get(0);
        String url = bc + "salespeoplePurchasers(" + salesperson.get("id").asText() + ")";
        assertRefused(send("PATCH", url, token, "{\"jobTitle\":\"Lead\"}"), 400, "BadRequest_InvalidToken");
        String etag = salesperson.get("@odata.etag").asText();
        assertEquals(200, send("PATCH", url, token, "{\"jobTitle\":\"Lead\"}", "If-Match", etag).statusCode());
        assertRefused(send("PATCH", url, token, "{\"jobTitle\":\"Head\"}", "If-Match", etag), 409,
                "Request_EntityChanged");
    }

    @Test
    void dataverseConditionalWritesFollowTheirHeaders() throws Exception {
        String token = token(emulators.dataverseUrl());
        String id = "11111111-2222-4333-8444-555555555555";
        String account = dataverse + "accounts(" + id + ")";
        assertEquals(404, send("PATCH", account, token, "{\"name\":\"A\"}", "If-Match", "*").statusCode());
        HttpResponse<String> created = send("PATCH", account, token, "{\"name\":\"A\"}");
        assertEquals(204, created.statusCode());
        assertEquals(dataverse + "accounts(" + id + ")", created.headers().firstValue("OData-EntityId").orElseThrow());
        HttpResponse<String> createOnly = send("PATCH", account, token, "{\"name\":\"B\"}", "If-None-Match", "*");
        assertEquals(412, createOnly.statusCode());
        assertRefused(send("PATCH", account, token, "{\"name\":\"" + "x".repeat(161) + "\"}"), 400, "0x80044331");
        assertRefused(send("PATCH", account, token,
                "{\"ownerid@odata.bind\":\"/systemusers(99999999-2222-4333-8444-555555555555)\"}"), 404, "Does Not Exist");
    }

    @Test
    void upsertMultipleWritesAllOrNothing() throws Exception {
        String token = token(emulators.dataverseUrl());
        String good = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"21111111-2222-4333-8444-555555555555\",\"name\":\"Good\"}";
        String bad = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"31111111-2222-4333-8444-555555555555\",\"name\":null}";
        HttpResponse<String> refused = send("POST", dataverse + "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", token,
                "{\"Targets\":[" + good + "," + bad + "]}");
        assertEquals(400, refused.statusCode());
        assertNull(emulators.dataverse().rows("accounts").stream()
                .filter(a -> a.path("name").asText().equals("Good")).findAny().orElse(null), "nothing was written");
        HttpResponse<String> accepted = send("POST", dataverse + "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", token,
                "{\"Targets\":[" + good + "]}");
        assertEquals(200, accepted.statusCode());
        assertFalse(emulators.dataverse().rows("accounts").isEmpty());
    }
}
