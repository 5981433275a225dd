package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dataverse $batch (apis.md A6) and the bulk actions (A5), written by hand as the documentation shows them. */
class DataverseBatchTest {

    private static Harness harness;
    private static String api;
    private static String token;

    @BeforeAll
    static void start() {
        harness = new Harness(20, 0);
        api = harness.dataverse;
        token = harness.token(harness.emulators.dataverseUrl());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String request(String method, String url, String body, String contentId) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
                + (contentId == null ? "" : "Content-ID: " + contentId + "\r\n") + "\r\n"
                + method + " " + url + " HTTP/1.1\r\n"
                + (body == null ? "\r\n" : "Content-Type: application/json; type=entry\r\n\r\n" + body + "\r\n");
    }

    private static String changeset(String boundary, List<String> parts) {
        StringBuilder body = new StringBuilder("Content-Type: multipart/mixed; boundary=" + boundary + "\r\n\r\n");
        parts.forEach(part -> body.append("--").append(boundary).append("\r\n").append(part));
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    private static HttpResponse<String> batch(List<String> parts, String... headers) {
        StringBuilder body = new StringBuilder();
        parts.forEach(part -> body.append("--batch_1\r\n").append(part));
        body.append("--batch_1--\r\n");
        List<String> all = new ArrayList<>(List.of("Content-Type", "multipart/mixed; boundary=\"batch_1\""));
        all.addAll(List.of(headers));
        return send("POST", api + "$batch", token, body.toString(), all.toArray(String[]::new));
    }

    private static boolean accountNamed(String name) {
        return harness.emulators.dataverse().rows("accounts").stream().anyMatch(a -> a.path("name").asText().equals(name));
    }

    @Test
    void aChangesetAppliesWholeAndItsPartsReferToEachOther() {
        HttpResponse<String> response = batch(List.of(changeset("changeset_a", List.of(
                request("POST", "/api/data/v9.2/accounts", "{\"name\":\"Batch parent\"}", "1"),
                request("POST", "/api/data/v9.2/contacts", "{\"lastname\":\"Batch child\",\"parentcustomerid_account@odata.bind\":\"$1\"}", "2"),
                request("PATCH", "$1", "{\"telephone1\":\"+1 555 0100\"}", "3"))),
                request("GET", api + "WhoAmI", null, null)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("multipart/mixed; boundary=batchresponse_"));
        assertTrue(response.body().contains("changesetresponse_"), response.body());
        assertTrue(response.body().contains("Content-ID: 2"), response.body());
        assertEquals(3, response.body().split("HTTP/1.1 204").length - 1, response.body());
        assertTrue(response.body().contains("HTTP/1.1 200") && response.body().contains("\"UserId\""));
        JsonNode parent = harness.emulators.dataverse().rows("accounts").stream()
                .filter(a -> a.path("name").asText().equals("Batch parent")).findFirst().orElseThrow();
        assertEquals("+1 555 0100", parent.get("telephone1").asText());
        JsonNode child = harness.emulators.dataverse().rows("contacts").stream()
                .filter(c -> c.path("lastname").asText().equals("Batch child")).findFirst().orElseThrow();
        assertEquals(parent.get("accountid").asText(), child.get("_parentcustomerid_value").asText());
    }

    @Test
    void aFailingPartUndoesItsChangesetAndStopsTheBatch() {
        HttpResponse<String> response = batch(List.of(
                changeset("changeset_b", List.of(
                        request("POST", "accounts", "{\"name\":\"Undone\"}", "1"),
                        request("POST", "contacts", "{\"firstname\":\"No last name\"}", "2"))),
                request("POST", "accounts", "{\"name\":\"Never reached\"}", null)));
        refused(400, "0x80040200", response);
        assertEquals(1, response.body().split("HTTP/1.1 ").length - 1, "only the error part: " + response.body());
        assertTrue(!accountNamed("Undone") && !accountNamed("Never reached"));
    }

    @Test
    void continueOnErrorRunsEveryPart() {
        HttpResponse<String> response = batch(List.of(
                request("POST", "contacts", "{\"firstname\":\"No last name\"}", null),
                request("POST", "accounts", "{\"name\":\"Reached\"}", null)), "Prefer", "odata.continue-on-error");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().indexOf("HTTP/1.1 400") < response.body().indexOf("HTTP/1.1 204"), response.body());
        assertTrue(accountNamed("Reached"));
    }

    @Test
    void malformedAndOversizedBatchesAreRefused() {
        refused(400, "multipart/mixed", send("POST", api + "$batch", token, "{}"));
        refused(400, "not declared", batch(List.of(changeset("changeset_c", List.of(
                request("PATCH", "$9", "{\"name\":\"x\"}", "1"))))));
        refused(400, "GET requests are not allowed inside a changeset", batch(List.of(changeset("changeset_d", List.of(
                request("GET", "accounts", null, "1"))))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(request("GET", "WhoAmI", null, null));
        }
        refused(400, "at most 1000", batch(many));
    }

    @Test
    void createMultipleAndUpsertMultipleWriteAllOrNothing() {
        String type = "\"@odata.type\":\"Microsoft.Dynamics.CRM.account\"";
        String id = UUID.randomUUID().toString();
        refused(400, "0x80040200", send("POST", api + "accounts/Microsoft.Dynamics.CRM.CreateMultiple", token,
                "{\"Targets\":[{" + type + ",\"name\":\"Bulk 1\"},{" + type + ",\"name\":null}]}"));
        assertTrue(!accountNamed("Bulk 1"), "nothing was written");
        JsonNode created = ok(200, send("POST", api + "accounts/Microsoft.Dynamics.CRM.CreateMultiple", token,
                "{\"Targets\":[{" + type + ",\"accountid\":\"" + id + "\",\"name\":\"Bulk 1\"},{" + type + ",\"name\":\"Bulk 2\"}]}"));
        assertEquals(2, created.get("Ids").size());
        refused(412, "matching key values", send("POST", api + "accounts/Microsoft.Dynamics.CRM.CreateMultiple", token,
                "{\"Targets\":[{" + type + ",\"accountid\":\"" + id + "\",\"name\":\"Again\"}]}"));
        JsonNode upserted = ok(200, send("POST", api + "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", token,
                "{\"Targets\":[{" + type + ",\"accountid\":\"" + id + "\",\"name\":\"Bulk 1b\"},{" + type + ",\"accountid\":\""
                        + UUID.randomUUID() + "\",\"name\":\"Bulk 3\"}]}"));
        assertEquals(false, upserted.get("Results").get(0).get("RecordCreated").asBoolean());
        assertEquals(true, upserted.get("Results").get(1).get("RecordCreated").asBoolean());
        refused(400, "does not support", send("POST", api + "systemusers/Microsoft.Dynamics.CRM.UpsertMultiple", token,
                "{\"Targets\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.systemuser\",\"systemuserid\":\"" + id + "\"}]}"));
        refused(400, "@odata.type", send("POST", api + "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", token,
                "{\"Targets\":[{\"accountid\":\"" + id + "\",\"name\":\"Untyped\"}]}"));
        assertNull(harness.emulators.dataverse().rows("accounts").stream()
                .filter(a -> a.path("name").asText().equals("Untyped")).findAny().orElse(null));
    }
}
