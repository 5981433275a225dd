package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.encode;
import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.emulators.UserEdits;
import org.crmsync.emulators.seed.DemoCompany;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Business Central API v2.0 (apis.md Part B): paging, filters, $expand, writes, batches, the custom API page. */
class BusinessCentralTest {

    private static Harness harness;
    private static String api;
    private static String token;

    @BeforeAll
    static void start() {
        harness = new Harness(500, 0);
        api = harness.bc;
        token = harness.token(harness.emulators.bcUrl());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static JsonNode get(String path, String... headers) {
        return ok(200, send("GET", api + path, token, null, headers));
    }

    @Test
    void companiesAreListedAndAnUnknownOneIsNotFound() {
        JsonNode companies = ok(200, send("GET", harness.bcApi + "companies", token, null));
        assertEquals(DemoCompany.COMPANY_ID, companies.get("value").get(0).get("id").asText());
        refused(404, "Internal_CompanyNotFound", send("GET", harness.bcApi + "companies(00000000-0000-4000-8000-000000000009)/customers", token, null));
        refused(404, "BadRequest_NotFound", send("GET", api + "nosuchset", token, null));
    }

    @Test
    void pagesHonourMaxPageSizeAndEndWithoutANextLink() {
        Set<String> seen = new HashSet<>();
        String link = api + "customers?$select=number";
        while (link != null) {
            HttpResponse<String> response = send("GET", link, token, null, "Prefer", "odata.maxpagesize=120");
            JsonNode page = ok(200, response);
            assertTrue(page.get("value").size() <= 120);
            page.get("value").forEach(row -> assertTrue(seen.add(row.get("number").asText())));
            link = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        assertEquals(500, seen.size());
        JsonNode all = get("customers?$select=number");
        assertEquals(500, all.get("value").size(), "20,000 rows fit in the default page");
        assertFalse(all.has("@odata.nextLink"));
        assertTrue(all.get("value").get(0).get("@odata.etag").asText().startsWith("W/\""));
        assertEquals(50, get("customers?$select=number&$top=50&$skip=10").get("value").size());
        assertEquals("500", send("GET", api + "customers/$count", token, null).body());
    }

    @Test
    void aFilterByManyNumbersFindsExactlyThoseRowsPageByPageAndSeesChanges() {
        List<JsonNode> customers = new ArrayList<>();
        get("customers?$select=id,number").get("value").forEach(customers::add);
        List<String> asked = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < customers.size(); i += 7) {
            String number = customers.get(i).get("number").asText();
            asked.add(i % 2 == 0 ? number : number.toLowerCase()); // text compares regardless of case
            expected.add(customers.get(i).get("id").asText());
        }
        asked.add("NO-SUCH-NUMBER");
        String anyOf = asked.stream().map(n -> "number eq '" + n + "'").collect(Collectors.joining(" or "));
        // Equalities alone are answered from an index of the column; with another condition, by a scan: same rows.
        List<String> byIndex = ids(api + "customers?$select=id&$filter=" + encode(anyOf));
        List<String> byScan = ids(api + "customers?$select=id&$filter=" + encode("(" + anyOf + ") and number ne 'x'"));
        assertEquals(expected, new HashSet<>(byIndex));
        assertEquals(byScan, byIndex, "the same rows in the same order");
        assertEquals(byIndex.size(), new HashSet<>(byIndex).size(), "no row on two pages");

        JsonNode renamed = customers.get(0);
        String number = renamed.get("number").asText();
        String id = renamed.get("id").asText();
        ok(200, Harness.admin(harness.emulators.bcUrl(), "PATCH", "rows/customers/" + id, "{\"number\":\"RENAMED-1\"}"));
        try {
            assertTrue(ids(api + "customers?$select=id&$filter=" + encode("number eq '" + number + "'")).isEmpty());
            assertEquals(List.of(id), ids(api + "customers?$select=id&$filter=" + encode("number eq 'renamed-1'")));
        } finally {
            ok(200, Harness.admin(harness.emulators.bcUrl(), "PATCH", "rows/customers/" + id,
                    "{\"number\":\"" + number + "\"}"));
        }
        assertEquals(List.of(id), ids(api + "customers?$select=id&$filter=" + encode("number eq '" + number + "'")));
    }

    /** The ids on every page of a query, in order, 40 to a page. */
    private static List<String> ids(String url) {
        List<String> ids = new ArrayList<>();
        String link = url;
        while (link != null) {
            JsonNode page = ok(200, send("GET", link, token, null, "Prefer", "odata.maxpagesize=40"));
            page.get("value").forEach(row -> ids.add(row.get("id").asText()));
            link = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return ids;
    }

    @Test
    void everyPageShowsEachRowAsReadingItAloneDoes() {
        for (String set : List.of("customers", "items", "salesOrderLines")) {
            List<JsonNode> rows = new ArrayList<>();
            String link = api + set;
            while (link != null) {
                JsonNode page = ok(200, send("GET", link, token, null, "Prefer", "odata.maxpagesize=300"));
                page.get("value").forEach(rows::add);
                link = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            }
            assertEquals(send("GET", api + set + "/$count", token, null).body(), String.valueOf(rows.size()), set);
            for (int i = 0; i < rows.size(); i += 37) {
                ObjectNode alone = (ObjectNode) get(set + "(" + rows.get(i).get("id").asText() + ")");
                alone.remove("@odata.context");
                assertEquals(alone, rows.get(i), set + " row " + i);
                rows.get(i).fieldNames().forEachRemaining(name ->
                        assertTrue(!name.startsWith("@") || name.equals("@odata.etag"), name));
            }
        }
    }

    @Test
    void lastModifiedDateTimeFiltersFindRecentChanges() {
        JsonNode any = get("customers?$top=1").get("value").get(0);
        JsonNode updated = ok(200, send("PATCH", api + "customers(" + any.get("id").asText() + ")", token,
                "{\"phoneNumber\":\"+1 555 0199\"}", "If-Match", "*"));
        String since = updated.get("lastModifiedDateTime").asText();
        JsonNode recent = get("customers?$filter=" + encode("lastModifiedDateTime ge " + since));
        assertEquals(1, recent.get("value").size());
        assertEquals(any.get("id").asText(), recent.get("value").get(0).get("id").asText());
        assertTrue(since.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), "milliseconds: " + since);
    }

    @Test
    void documentsExpandTheirLinesAndDeepInsertsComputeTotals() {
        JsonNode order = get("salesOrders?$top=1&$expand=salesOrderLines").get("value").get(0);
        assertTrue(order.get("salesOrderLines").size() >= 1);
        order.get("salesOrderLines").forEach(line -> assertEquals(order.get("id").asText(), line.get("documentId").asText()));
        refused(400, "navigation property", send("GET", api + "salesOrders?$expand=customer", token, null));
        JsonNode customer = get("customers?$top=1").get("value").get(0);
        JsonNode item = get("items?$top=1").get("value").get(0);
        JsonNode created = ok(201, send("POST", api + "salesOrders", token, "{\"customerNumber\":\""
                + customer.get("number").asText() + "\",\"salesOrderLines\":[{\"lineType\":\"Item\",\"lineObjectNumber\":\""
                + item.get("number").asText() + "\",\"quantity\":2,\"unitPrice\":10}]}"));
        assertEquals(customer.get("id").asText(), created.get("customerId").asText(), "the number resolved the id");
        assertEquals(item.get("id").asText(), created.get("salesOrderLines").get(0).get("itemId").asText());
        assertEquals(0, new BigDecimal("20").compareTo(created.get("totalAmountExcludingTax").decimalValue()));
        String orderId = created.get("id").asText();
        ok(201, send("POST", api + "salesOrders(" + orderId + ")/salesOrderLines", token,
                "{\"lineType\":\"Item\",\"itemId\":\"" + item.get("id").asText() + "\",\"quantity\":1,\"unitPrice\":5}"));
        JsonNode after = get("salesOrders(" + orderId + ")?$expand=salesOrderLines");
        assertEquals(2, after.get("salesOrderLines").size());
        assertEquals(0, new BigDecimal("25").compareTo(after.get("totalAmountExcludingTax").decimalValue()));
        assertTrue(after.get("lastModifiedDateTime").asText().compareTo(created.get("lastModifiedDateTime").asText()) >= 0,
                "a new line stamps its order");
        refused(400, "Internal_RecordNotFound", send("POST", api + "salesOrders", token, "{\"customerNumber\":\"NOPE\"}"));
        refused(400, "Deep updates", send("PATCH", api + "salesOrders(" + orderId + ")", token,
                "{\"salesOrderLines\":[]}", "If-Match", "*"));
        BigDecimal inventoryBefore = inventory(item);
        ok(204, send("POST", api + "salesOrders(" + orderId + ")/Microsoft.NAV.shipAndInvoice", token, "{}"));
        refused(404, "Internal_RecordNotFound", send("GET", api + "salesOrders(" + orderId + ")", token, null));
        JsonNode invoice = get("salesInvoices?$filter=" + encode("orderId eq " + orderId) + "&$expand=salesInvoiceLines")
                .get("value").get(0);
        assertEquals(2, invoice.get("salesInvoiceLines").size());
        JsonNode sales = get("itemLedgerEntries?$filter=" + encode("documentNumber eq '"
                + invoice.get("number").asText() + "'")).get("value");
        assertEquals(2, sales.size(), "each item line is posted into the item ledger");
        sales.forEach(entry -> assertEquals("Sale", entry.get("entryType").asText()));
        assertEquals(0, inventoryBefore.subtract(BigDecimal.valueOf(3)).compareTo(inventory(item)), "shipped: 2 + 1");
    }

    @Test
    void postingAnItemMovesItsInventoryWithoutModifyingTheItemAndTheLedgerIsReadOnly() {
        JsonNode item = get("items?$filter=" + encode("type eq 'Inventory'") + "&$top=1").get("value").get(0);
        JsonNode opening = get("itemLedgerEntries?$filter=" + encode("itemNumber eq '" + item.get("number").asText()
                + "'")).get("value");
        assertEquals(0, sum(opening).compareTo(item.get("inventory").decimalValue()),
                "the seeded inventory is the sum of the item's entries");
        long lastEntry = get("itemLedgerEntries?$orderby=" + encode("entryNumber desc") + "&$top=1").get("value").get(0)
                .get("entryNumber").asLong();

        ObjectNode posted = new UserEdits(harness.emulators.bcUrl()).create("itemLedgerEntries",
                Map.of("itemNumber", item.get("number").asText(), "quantity", 7));

        assertEquals(lastEntry + 1, posted.get("entryNumber").asLong());
        JsonNode after = get("items(" + item.get("id").asText() + ")");
        assertEquals(0, item.get("inventory").decimalValue().add(BigDecimal.valueOf(7))
                .compareTo(after.get("inventory").decimalValue()));
        assertEquals(item.get("lastModifiedDateTime").asText(), after.get("lastModifiedDateTime").asText(),
                "inventory is a sum over the ledger: the item is not modified, so incremental readers do not see it");
        assertEquals(item.get("@odata.etag").asText(), after.get("@odata.etag").asText());
        JsonNode newer = get("itemLedgerEntries?$filter=" + encode("entryNumber gt " + lastEntry)).get("value");
        assertEquals(1, newer.size());
        assertEquals(item.get("number").asText(), newer.get(0).get("itemNumber").asText());

        String entry = api + "itemLedgerEntries(" + posted.get("id").asText() + ")";
        refused(405, "BadRequest_MethodNotAllowed", send("POST", api + "itemLedgerEntries", token,
                "{\"itemNumber\":\"" + item.get("number").asText() + "\",\"quantity\":1}"));
        refused(405, "BadRequest_MethodNotAllowed", send("PATCH", entry, token, "{\"quantity\":1}", "If-Match", "*"));
        refused(405, "BadRequest_MethodNotAllowed", send("DELETE", entry, token, null, "If-Match", "*"));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> new UserEdits(
                harness.emulators.bcUrl()).create("itemLedgerEntries", Map.of("itemNumber", "NOPE", "quantity", 1)));
        assertTrue(unknown.getMessage().contains("No.='NOPE'"), unknown.getMessage());
    }

    private static BigDecimal inventory(JsonNode item) {
        return get("items(" + item.get("id").asText() + ")").get("inventory").decimalValue();
    }

    private static BigDecimal sum(JsonNode entries) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode entry : entries) {
            sum = sum.add(entry.get("quantity").decimalValue());
        }
        return sum;
    }

    @Test
    void aCreatedRecordHasEveryFieldEitherWrittenOrBlank() {
        JsonNode vendor = ok(201, send("POST", api + "vendors", token, "{\"displayName\":\"New from the API\"}"));
        assertEquals(" ", vendor.get("blocked").asText(), "Blocked's blank option is a space, as BC writes it");
        assertEquals("", vendor.get("currencyCode").asText());
        assertEquals(DemoCompany.EMPTY_GUID, vendor.get("paymentTermsId").asText());
        assertFalse(vendor.get("taxLiable").asBoolean());
        assertEquals(1, ok(200, send("GET", api + "vendors?$filter=" + encode("displayName eq 'New from the API' and "
                + "blocked eq ' '"), token, null)).get("value").size(), "an unblocked vendor is found as one");
    }

    @Test
    void writesAnswerWithTheEntityAndInsistOnIfMatch() {
        JsonNode created = ok(201, send("POST", api + "items", token, "{\"displayName\":\"Café table\",\"type\":\"Inventory\","
                + "\"unitPrice\":99.5,\"baseUnitOfMeasureCode\":\"PCS\"}"));
        assertFalse(created.get("number").asText().isEmpty(), "the number series assigned a number");
        assertFalse(created.get("baseUnitOfMeasureId").asText().equals(DemoCompany.EMPTY_GUID));
        String url = api + "items(" + created.get("id").asText() + ")";
        refused(400, "BadRequest_InvalidToken", send("PATCH", url, token, "{\"unitPrice\":100}"));
        JsonNode updated = ok(200, send("PATCH", url, token, "{\"unitPrice\":100}", "If-Match", created.get("@odata.etag").asText()));
        refused(409, "Request_EntityChanged", send("PATCH", url, token, "{\"unitPrice\":101}", "If-Match",
                created.get("@odata.etag").asText()));
        refused(400, "BadRequest_MethodNotAllowed", send("PATCH", url, token, "{\"inventory\":5}", "If-Match", "*"));
        refused(400, "BadRequest_PropertyNotFound", send("PATCH", url, token, "{\"colour\":\"red\"}", "If-Match", "*"));
        refused(400, "Application_StringExceededLength", send("PATCH", url, token,
                "{\"displayName\":\"" + "x".repeat(101) + "\"}", "If-Match", "*"));
        refused(400, "BadRequest_InvalidToken", send("DELETE", url, token, null));
        ok(204, send("DELETE", url, token, null, "If-Match", updated.get("@odata.etag").asText()));
        refused(404, "Internal_RecordNotFound", send("GET", url, token, null));
    }

    @Test
    void theCustomApiPageServesWhatV2Lacks() {
        String custom = harness.emulators.bcUrl() + "/v2.0/" + DemoCompany.TENANT + "/" + DemoCompany.ENVIRONMENT
                + "/api/crmsync/integration/v1.0/companies(" + DemoCompany.COMPANY_ID + ")/";
        assertEquals(3, ok(200, send("GET", custom + "customerPriceGroups", token, null)).get("value").size());
        JsonNode lines = ok(200, send("GET", custom + "priceListLines?$filter=" + encode("priceListCode eq 'S00001'"), token, null));
        assertEquals(get("items?$select=number").get("value").size(), lines.get("value").size());
        refused(404, "BadRequest_NotFound", send("GET", api + "customerPriceGroups", token, null));
        refused(404, "BadRequest_NotFound", send("GET", custom + "customers", token, null));
    }

    @Test
    void aBatchRunsIndependentlyOrAsOneTransactionUnderSnapshotIsolation() {
        JsonNode units = get("unitsOfMeasure");
        String unit = units.get("value").get(0).get("id").asText();
        String body = "{\"requests\":[{\"method\":\"PATCH\",\"id\":\"1\",\"url\":\"companies(" + DemoCompany.COMPANY_ID
                + ")/unitsOfMeasure(" + unit + ")\",\"headers\":{\"Content-Type\":\"application/json\",\"If-Match\":\"*\"},"
                + "\"body\":{\"symbol\":\"pc\"}},{\"method\":\"POST\",\"id\":\"2\",\"url\":\"companies(" + DemoCompany.COMPANY_ID
                + ")/unitsOfMeasure\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":{\"code\":\"" + "X".repeat(11) + "\"}}]}";
        JsonNode independent = ok(200, send("POST", harness.bcApi + "$batch", token, body));
        assertEquals(200, independent.get("responses").get(0).get("status").asInt());
        assertEquals(400, independent.get("responses").get(1).get("status").asInt());
        assertEquals("pc", get("unitsOfMeasure(" + unit + ")").get("symbol").asText());
        JsonNode snapshot = ok(200, send("POST", harness.bcApi + "$batch", token, body.replace("\"pc\"", "\"PCE\""),
                "Isolation", "snapshot"));
        assertEquals(424, snapshot.get("responses").get(0).get("status").asInt());
        assertEquals(400, snapshot.get("responses").get(1).get("status").asInt());
        assertEquals("pc", get("unitsOfMeasure(" + unit + ")").get("symbol").asText(), "rolled back");
        StringBuilder many = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"method\":\"GET\",\"id\":\"").append(i).append("\",\"url\":\"companies\"}");
        }
        refused(400, "at most 100", send("POST", harness.bcApi + "$batch", token, many.append("]}").toString()));
    }

    @Test
    void codeCompanionsStayInStepWithTheirIds() {
        JsonNode customer = get("customers?$top=1").get("value").get(0);
        String url = api + "customers(" + customer.get("id").asText() + ")";
        JsonNode euro = ok(200, send("PATCH", url, token, "{\"currencyCode\":\"EUR\"}", "If-Match", "*"));
        String euroId = get("currencies?$filter=" + encode("code eq 'EUR'")).get("value").get(0).get("id").asText();
        assertEquals(euroId, euro.get("currencyId").asText());
        JsonNode local = ok(200, send("PATCH", url, token, "{\"currencyId\":\"" + DemoCompany.EMPTY_GUID + "\"}", "If-Match", "*"));
        assertEquals("", local.get("currencyCode").asText());
        refused(400, "Internal_RecordNotFound", send("PATCH", url, token, "{\"currencyCode\":\"XXX\"}", "If-Match", "*"));
    }
}
