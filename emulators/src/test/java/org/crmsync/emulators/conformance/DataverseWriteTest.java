package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dataverse writes (apis.md A5, A7, A10): creates, upserts, conditions, binds, validation, service columns. */
class DataverseWriteTest {

    private static Harness harness;
    private static String api;
    private static String token;

    @BeforeAll
    static void start() {
        harness = new Harness(50, 0);
        api = harness.dataverse;
        token = harness.token(harness.emulators.dataverseUrl());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static JsonNode read(String entity) {
        return ok(200, send("GET", api + entity, token, null));
    }

    @Test
    void createAnswers204WithTheEntityIdOr201WithTheRowWhenAsked() {
        HttpResponse<String> plain = send("POST", api + "accounts", token, "{\"name\":\"Plain\"}");
        assertEquals(204, plain.statusCode());
        String entityId = plain.headers().firstValue("OData-EntityId").orElseThrow();
        assertTrue(entityId.matches(java.util.regex.Pattern.quote(api) + "accounts\\([0-9a-f-]{36}\\)"), entityId);
        HttpResponse<String> represented = send("POST", api + "accounts?$select=name", token, "{\"name\":\"Shown\"}",
                "Prefer", "return=representation");
        JsonNode row = ok(201, represented);
        assertEquals("Shown", row.get("name").asText());
        assertTrue(represented.headers().firstValue("OData-EntityId").isEmpty());
        String id = newId();
        ok(204, send("POST", api + "accounts", token, "{\"accountid\":\"" + id + "\",\"name\":\"Mine\"}"));
        assertEquals("Mine", read("accounts(" + id + ")").get("name").asText());
        refused(412, "matching key values already exists",
                send("POST", api + "accounts", token, "{\"accountid\":\"" + id + "\",\"name\":\"Again\"}"));
    }

    @Test
    void patchUpsertsUnlessConditionedAndStaleVersionsAreRefused() {
        String url = api + "accounts(" + newId() + ")";
        refused(404, "Does Not Exist", send("PATCH", url, token, "{\"name\":\"A\"}", "If-Match", "*"));
        assertEquals(204, send("PATCH", url, token, "{\"name\":\"A\"}").statusCode(), "upsert creates");
        JsonNode created = read(url.substring(api.length()));
        assertEquals(204, send("PATCH", url, token, "{\"name\":\"B\"}").statusCode(), "upsert updates");
        refused(412, "matching key values", send("PATCH", url, token, "{\"name\":\"C\"}", "If-None-Match", "*"));
        refused(412, "0x80060882", send("PATCH", url, token, "{\"name\":\"C\"}", "If-Match",
                created.get("@odata.etag").asText()));
        JsonNode updated = ok(200, send("PATCH", url, token, "{\"name\":\"D\"}", "If-Match", "*",
                "Prefer", "return=representation"));
        assertEquals("D", updated.get("name").asText());
        JsonNode upserted = ok(201, send("PATCH", api + "accounts(" + newId() + ")", token, "{\"name\":\"E\"}",
                "Prefer", "return=representation"));
        assertEquals("E", upserted.get("name").asText());
    }

    @Test
    void deleteRemovesOnceAndHonoursTheVersion() {
        String id = newId();
        ok(204, send("PATCH", api + "contacts(" + id + ")", token, "{\"lastname\":\"Gone\"}"));
        JsonNode row = read("contacts(" + id + ")");
        ok(204, send("PATCH", api + "contacts(" + id + ")", token, "{\"firstname\":\"Soon\"}"));
        refused(412, "0x80060882", send("DELETE", api + "contacts(" + id + ")", token, null, "If-Match",
                row.get("@odata.etag").asText()));
        assertEquals(204, send("DELETE", api + "contacts(" + id + ")", token, null).statusCode());
        refused(404, "Does Not Exist", send("DELETE", api + "contacts(" + id + ")", token, null));
    }

    @Test
    void theServiceMaintainsItsOwnColumnsAndRefusesWritesToThem() {
        String id = newId();
        ok(204, send("PATCH", api + "accounts(" + id + ")", token, "{\"name\":\"Stamped\"}"));
        JsonNode first = read("accounts(" + id + ")");
        assertTrue(first.get("createdon").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), "second precision");
        assertEquals(harness.emulators.seeded().integrationUserId(), first.get("_modifiedby_value").asText());
        assertEquals(harness.emulators.seeded().integrationUserId(), first.get("_ownerid_value").asText(),
                "the creator owns a row created without an owner");
        ok(204, send("PATCH", api + "accounts(" + id + ")", token, "{\"name\":\"Stamped again\"}"));
        JsonNode second = read("accounts(" + id + ")");
        assertTrue(second.get("versionnumber").asLong() > first.get("versionnumber").asLong());
        assertNotEquals(first.get("@odata.etag").asText(), second.get("@odata.etag").asText());
        assertEquals(first.get("createdon").asText(), second.get("createdon").asText());
        refused(400, "Invalid property 'modifiedon'", send("PATCH", api + "accounts(" + id + ")", token,
                "{\"modifiedon\":\"2020-01-01T00:00:00Z\"}"));
        refused(400, "Invalid property '_ownerid_value'", send("PATCH", api + "accounts(" + id + ")", token,
                "{\"_ownerid_value\":\"" + id + "\"}"));
        refused(400, "Invalid property 'nosuch'", send("PATCH", api + "accounts(" + id + ")", token, "{\"nosuch\":1}"));
    }

    @Test
    void requiredColumnsLengthsTypesAndChoicesAreEnforced() {
        refused(400, "0x80040200", send("POST", api + "contacts", token, "{\"firstname\":\"No last name\"}"));
        refused(400, "0x80044331", send("POST", api + "accounts", token, "{\"name\":\"" + "é".repeat(161) + "\"}"));
        ok(204, send("POST", api + "accounts", token, "{\"name\":\"" + "é".repeat(160) + "\"}"));
        refused(400, "Cannot convert", send("POST", api + "accounts", token, "{\"name\":\"X\",\"creditlimit\":\"lots\"}"));
        refused(400, "outside the valid range", send("POST", api + "accounts", token,
                "{\"name\":\"X\",\"paymenttermscode\":77}"));
        ok(204, send("POST", api + "accounts", token, "{\"name\":\"X\",\"paymenttermscode\":2}"));
        refused(400, "not a valid JSON object", send("POST", api + "accounts", token, "[1,2]"));
    }

    @Test
    void lookupsBindOnlyToRowsThatExistInTheRightTables() {
        String user = harness.emulators.seeded().integrationUserId();
        String currency = harness.emulators.dataverse().rows("transactioncurrencies").get(0)
                .get("transactioncurrencyid").asText();
        String id = newId();
        ok(204, send("PATCH", api + "accounts(" + id + ")", token, "{\"name\":\"Bound\",\"ownerid@odata.bind\":\"/systemusers("
                + user + ")\",\"transactioncurrencyid@odata.bind\":\"transactioncurrencies(" + currency + ")\"}"));
        JsonNode bound = read("accounts(" + id + ")");
        assertEquals(currency, bound.get("_transactioncurrencyid_value").asText());
        refused(404, "Does Not Exist", send("PATCH", api + "accounts(" + id + ")", token,
                "{\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + newId() + ")\"}"));
        refused(400, "is not a reference to transactioncurrencies", send("PATCH", api + "accounts(" + id + ")", token,
                "{\"transactioncurrencyid@odata.bind\":\"/accounts(" + id + ")\"}"));
        refused(400, "undeclared property 'nosuchlookup'", send("PATCH", api + "accounts(" + id + ")", token,
                "{\"nosuchlookup@odata.bind\":\"/accounts(" + id + ")\"}"));
        ok(204, send("DELETE", api + "accounts(" + id + ")/transactioncurrencyid/$ref", token, null));
        assertTrue(read("accounts(" + id + ")").get("_transactioncurrencyid_value").isNull());
        ok(204, send("PUT", api + "accounts(" + id + ")/telephone1", token, "{\"value\":\"+45 1234\"}"));
        assertEquals("+45 1234", read("accounts(" + id + ")").get("telephone1").asText());
        ok(204, send("DELETE", api + "accounts(" + id + ")/telephone1", token, null));
        assertTrue(read("accounts(" + id + ")").get("telephone1").isNull());
    }

    @Test
    void salesTablesBehaveAsSalesDoes() {
        String schedule = newId();
        ok(204, send("PATCH", api + "uomschedules(" + schedule + ")", token, "{\"name\":\"Units\",\"baseuomname\":\"Piece\"}"));
        JsonNode units = ok(200, send("GET", api + "uoms?$filter=_uomscheduleid_value%20eq%20" + schedule, token, null));
        assertEquals(1, units.get("value").size(), "creating a unit group creates its base unit");
        JsonNode base = units.get("value").get(0);
        assertTrue(base.get("isschedulebaseuom").asBoolean());
        String unit = base.get("uomid").asText();
        String product = newId();
        String productBody = "{\"productnumber\":\"P-1\",\"name\":\"Bike\",\"quantitydecimal\":0,"
                + "\"defaultuomscheduleid@odata.bind\":\"/uomschedules(" + schedule + ")\",\"defaultuomid@odata.bind\":\"/uoms(" + unit + ")\"";
        String currency = harness.emulators.dataverse().rows("transactioncurrencies").get(0).get("transactioncurrencyid").asText();
        String level = newId();
        ok(204, send("PATCH", api + "pricelevels(" + level + ")", token, "{\"name\":\"Prices\",\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + currency + ")\"}"));
        refused(400, "not valid on create", send("PATCH", api + "products(" + product + ")", token,
                productBody + ",\"pricelevelid@odata.bind\":\"/pricelevels(" + level + ")\"}"));
        ok(204, send("PATCH", api + "products(" + product + ")", token, productBody + "}"));
        ok(204, send("PATCH", api + "products(" + product + ")", token, "{\"pricelevelid@odata.bind\":\"/pricelevels(" + level + ")\"}"));
        refused(400, "can only be set when the record is created", send("PATCH", api + "uoms(" + unit + ")", token,
                "{\"uomscheduleid@odata.bind\":\"/uomschedules(" + schedule + ")\"}"));
        String account = newId();
        ok(204, send("PATCH", api + "accounts(" + account + ")", token, "{\"name\":\"Buyer\"}"));
        String order = newId();
        ok(204, send("PATCH", api + "salesorders(" + order + ")", token, "{\"name\":\"Order\",\"freightamount\":10,"
                + "\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}"));
        ok(204, send("POST", api + "salesorderdetails", token, "{\"quantity\":3,\"priceperunit\":2.5,\"manualdiscountamount\":1,"
                + "\"salesorderid@odata.bind\":\"/salesorders(" + order + ")\",\"productid@odata.bind\":\"/products(" + product + ")\","
                + "\"uomid@odata.bind\":\"/uoms(" + unit + ")\"}"));
        ok(204, send("POST", api + "salesorderdetails", token, "{\"quantity\":1,\"priceperunit\":4,\"isproductoverridden\":true,"
                + "\"productdescription\":\"Write-in\",\"salesorderid@odata.bind\":\"/salesorders(" + order + ")\"}"));
        JsonNode header = read("salesorders(" + order + ")");
        assertEquals(0, new java.math.BigDecimal("10.5").compareTo(header.get("totallineitemamount").decimalValue()));
        assertEquals(0, new java.math.BigDecimal("20.5").compareTo(header.get("totalamount").decimalValue()));
        refused(400, "0x80040200", send("POST", api + "salesorders", token, "{\"name\":\"No customer\"}"));
        assertFalse(header.get("_customerid_value").isNull());
    }
}
