package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.admin;
import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What both services do around their data: OAuth2 client credentials and 401s (apis.md A11, B8), service
 * protection limits (A8, B7), and the faults and row edits the admin API injects for chaos and sync tests.
 */
class ServiceBehaviourTest {

    private Harness harness;
    private String dataverseRoot;
    private String bcRoot;

    @BeforeEach
    void start() {
        harness = new Harness(30, 0);
        dataverseRoot = harness.emulators.dataverseUrl();
        bcRoot = harness.emulators.bcUrl();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void tokensAreIssuedToConfiguredClientsOnlyAndExpire() {
        JsonNode issued = ok(200, harness.requestToken(bcRoot, TokenService.DEMO_CLIENT_ID, TokenService.DEMO_CLIENT_SECRET));
        assertEquals("Bearer", issued.get("token_type").asText());
        assertTrue(issued.get("expires_in").asInt() > 0);
        refused(401, "invalid_client", harness.requestToken(bcRoot, TokenService.DEMO_CLIENT_ID, "wrong"));
        refused(400, "unauthorized_client", harness.requestToken(dataverseRoot, "nobody", "x"));
        refused(401, "Authentication_InvalidCredentials", send("GET", harness.bc + "customers", null, null));
        assertEquals(401, send("GET", harness.dataverse + "WhoAmI", "forged", null).statusCode());
        String token = harness.token(dataverseRoot);
        ok(200, send("GET", harness.dataverse + "WhoAmI", token, null));
        ok(204, admin(dataverseRoot, "POST", "tokens/expire", null));
        HttpResponse<String> expired = send("GET", harness.dataverse + "WhoAmI", token, null);
        assertEquals(401, expired.statusCode());
        assertTrue(expired.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
        ok(204, admin(bcRoot, "PUT", "tokens", "{\"lifetimeSeconds\":120}"));
        assertEquals(120, ok(200, harness.requestToken(bcRoot, TokenService.DEMO_CLIENT_ID,
                TokenService.DEMO_CLIENT_SECRET)).get("expires_in").asInt());
    }

    @Test
    void dataverseThrottlesPerUserWithItsDocumentedCodesAndRetryAfter() {
        String token = harness.token(dataverseRoot);
        ok(200, admin(dataverseRoot, "PUT", "limits", "{\"requestsPerWindow\":3,\"windowSeconds\":30}"));
        for (int i = 0; i < 3; i++) {
            ok(200, send("GET", harness.dataverse + "WhoAmI", token, null));
        }
        HttpResponse<String> throttled = send("GET", harness.dataverse + "WhoAmI", token, null);
        refused(429, "0x80072322", throttled);
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertTrue(throttled.body().contains("limit of 3 over time window of 30 seconds"), throttled.body());
        ok(200, admin(dataverseRoot, "PUT", "limits", "{\"requestsPerWindow\":0,\"executionMsPerWindow\":10}"));
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"latencyMs\":20}"));
        ok(200, send("GET", harness.dataverse + "accounts", token, null));
        refused(429, "0x80072321", send("GET", harness.dataverse + "WhoAmI", token, null));
        ok(200, admin(dataverseRoot, "PUT", "limits", "{\"executionMsPerWindow\":0,\"concurrentRequests\":1}"));
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"latencyMs\":300}"));
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parallel.add(CompletableFuture.supplyAsync(() -> send("GET", harness.dataverse + "WhoAmI", token, null)));
        }
        List<Integer> statuses = parallel.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertTrue(statuses.contains(200) && statuses.contains(429), statuses.toString());
        assertTrue(parallel.stream().map(CompletableFuture::join).anyMatch(r -> r.body().contains("0x80072326")));
    }

    @Test
    void businessCentralThrottlesUnderConfiguredLimits() {
        String token = harness.token(bcRoot);
        ok(200, admin(bcRoot, "PUT", "limits", "{\"requestsPerWindow\":2,\"windowSeconds\":60}"));
        ok(200, send("GET", harness.bc + "currencies", token, null));
        ok(200, send("GET", harness.bc + "currencies", token, null));
        HttpResponse<String> throttled = send("GET", harness.bc + "currencies", token, null);
        refused(429, "Application_TooManyRequests", throttled);
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void injectedFaultsAnswerAsTheServicesDoAndAreCounted() {
        String token = harness.token(dataverseRoot);
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"errorRate\":1}"));
        refused(503, "0x80040216", send("GET", harness.dataverse + "WhoAmI", token, null));
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"errorRate\":0,\"stormSeconds\":30,\"retryAfterSeconds\":7}"));
        HttpResponse<String> storm = send("GET", harness.dataverse + "WhoAmI", token, null);
        refused(429, "0x80072322", storm);
        assertEquals("7", storm.headers().firstValue("Retry-After").orElseThrow());
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"stormSeconds\":0,\"dropRate\":1}"));
        for (int i = 0; i < 5; i++) {
            assertThrows(UncheckedIOException.class, () -> send("POST", harness.dataverse + "accounts", token, "{\"name\":\"x\"}"));
        }
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"dropRate\":0,\"malformedRate\":1}"));
        HttpResponse<String> cutOff = send("GET", harness.dataverse + "WhoAmI", token, null);
        assertEquals(200, cutOff.statusCode());
        assertThrows(UncheckedIOException.class, () -> Harness.json(cutOff), "half a JSON object: " + cutOff.body());
        String account = harness.dataverse + "accounts(" + UUID.randomUUID() + ")";
        ok(204, send("PATCH", account, token, "{\"name\":\"x\"}"));
        ok(204, send("DELETE", account, token, null));
        ok(200, admin(dataverseRoot, "PUT", "faults",
                "{\"malformedRate\":0,\"lostWriteRate\":1,\"lostWritesTo\":\"contacts\"}"));
        ok(204, send("PATCH", account, token, "{\"name\":\"answered\"}"));
        String contact = harness.dataverse + "contacts(" + UUID.randomUUID() + ")";
        assertThrows(UncheckedIOException.class, () -> send("PATCH", contact, token, "{\"lastname\":\"unanswered\"}"));
        assertEquals("unanswered", ok(200, send("GET", contact, token, null)).path("lastname").asText(),
                "the write was made, only its answer lost");
        ok(200, admin(dataverseRoot, "PUT", "faults", "{\"lostWriteRate\":0,\"latencyMs\":150}"));
        long started = System.nanoTime();
        ok(200, send("GET", harness.dataverse + "WhoAmI", token, null));
        assertTrue(System.nanoTime() - started >= 150_000_000L, "latency was added");
        JsonNode stats = ok(200, admin(dataverseRoot, "GET", "stats", null));
        assertEquals(1, stats.get("injectedServerErrors").asInt());
        assertEquals(1, stats.get("injectedThrottles").asInt());
        assertEquals(5, stats.get("droppedConnections").asInt());
        assertEquals(1, stats.get("malformedAnswers").asInt(), "reads only: the write was answered whole");
        assertEquals(1, stats.get("lostWrites").asInt(), "writes to contacts only");
        refused(400, "errorRate must be between 0 and 1", admin(dataverseRoot, "PUT", "faults", "{\"errorRate\":2}"));
    }

    @Test
    void theAdminApiEditsRowsAsAUserWouldAndResetsToTheSeed() {
        JsonNode customer = ok(200, admin(bcRoot, "GET", "rows/customers?$filter=number%20eq%20'C000010'", null)).get(0);
        JsonNode edited = ok(200, admin(bcRoot, "PATCH", "rows/customers/" + customer.get("id").asText(),
                "{\"displayName\":\"Renamed by a user\"}"));
        assertNotEquals(customer.get("lastModifiedDateTime").asText(), edited.get("lastModifiedDateTime").asText());
        refused(400, "BadRequest_MethodNotAllowed", admin(bcRoot, "PATCH", "rows/customers/" + customer.get("id").asText(),
                "{\"balanceDue\":1}"));
        ok(201, admin(bcRoot, "POST", "rows/customers", "{\"displayName\":\"Walk-in\"}"));
        assertEquals("31", admin(bcRoot, "GET", "count/customers", null).body());
        ok(204, admin(bcRoot, "DELETE", "rows/customers/" + customer.get("id").asText(), null));
        JsonNode user = ok(201, admin(dataverseRoot, "POST", "rows/accounts", "{\"name\":\"Typed in the CRM\"}"));
        assertNotEquals(harness.emulators.seeded().integrationUserId(), user.get("_modifiedby_value").asText(),
                "edits come from an interactive user, so the echo filter can tell them apart");
        ok(204, admin(bcRoot, "POST", "reset", null));
        ok(204, admin(dataverseRoot, "POST", "reset", null));
        assertEquals("30", admin(bcRoot, "GET", "count/customers", null).body());
        assertEquals("0", admin(dataverseRoot, "GET", "count/accounts", null).body());
        assertEquals(customer.get("displayName").asText(), ok(200, admin(bcRoot, "GET", "rows/customers/"
                + customer.get("id").asText(), null)).get("displayName").asText());
        assertEquals(DemoCompany.COMPANY_ID.length(), customer.get("id").asText().length());
        JsonNode numbers = ok(200, admin(bcRoot, "GET", "rows/customers?$select=number,blocked", null));
        assertEquals(30, numbers.size());
        numbers.forEach(row -> {
            List<String> columns = new ArrayList<>();
            row.fieldNames().forEachRemaining(columns::add);
            assertEquals(Set.of("number", "blocked"), Set.copyOf(columns));
        });
        refused(400, "No column nosuch", admin(bcRoot, "GET", "rows/customers?$select=number,nosuch", null));
    }
}
