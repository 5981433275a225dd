package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.encode;
import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dataverse queries (apis.md A1, A3, A4): options, filters, paging, counts, single rows. */
class DataverseQueryTest {

    private static Harness harness;
    private static String api;
    private static String token;

    @BeforeAll
    static void start() {
        harness = new Harness(400, 1.0);
        api = harness.dataverse;
        token = harness.token(harness.emulators.dataverseUrl());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static JsonNode get(String query, String... headers) {
        return ok(200, send("GET", api + query, token, null, headers));
    }

    @Test
    void whoAmINamesTheApplicationUserOfTheClient() {
        JsonNode who = get("WhoAmI");
        assertEquals(harness.emulators.seeded().integrationUserId(), who.get("UserId").asText());
        assertFalse(who.get("BusinessUnitId").isNull());
        assertFalse(who.get("OrganizationId").isNull());
    }

    @Test
    void everyRowCarriesItsEtagAndKeyAndOnlyTheSelectedColumns() {
        JsonNode page = get("accounts?$select=name,accountnumber&$top=5");
        assertEquals(5, page.get("value").size());
        assertTrue(page.get("@odata.context").asText().endsWith("$metadata#accounts(name,accountnumber)"));
        for (JsonNode row : page.get("value")) {
            assertTrue(row.get("@odata.etag").asText().matches("W/\"\\d+\""), row.toString());
            assertTrue(row.has("accountid"));
            List<String> names = new ArrayList<>();
            row.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("@odata.etag", "name", "accountnumber", "accountid"), names);
        }
    }

    @Test
    void filtersCompareCaseInsensitivelyCombineAndEscapeQuotes() {
        JsonNode any = get("accounts?$select=name,accountnumber&$filter=" + encode("contains(name,'''')") + "&$top=1")
                .get("value").get(0);
        String name = any.get("name").asText();
        assertTrue(name.contains("'"), name);
        String quoted = "'" + name.toUpperCase().replace("'", "''") + "'";
        JsonNode exact = get("accounts?$select=name&$filter=" + encode("name eq " + quoted));
        assertTrue(exact.get("value").size() >= 1);
        exact.get("value").forEach(row -> assertTrue(row.get("name").asText().equalsIgnoreCase(name)));
        String number = any.get("accountnumber").asText();
        JsonNode both = get("accounts?$select=accountnumber&$filter=" + encode("(startswith(accountnumber,'"
                + number.substring(0, 3) + "') and accountnumber eq '" + number + "') or accountnumber eq 'none'"));
        assertEquals(1, both.get("value").size());
        JsonNode none = get("accounts?$select=name&$filter=" + encode("not (accountnumber ne '" + number + "')"));
        assertEquals(1, none.get("value").size());
    }

    @Test
    void filtersReadLookupsAndUnquotedDateTimes() {
        String owner = harness.emulators.seeded().integrationUserId();
        JsonNode owned = get("accounts?$select=name&$count=true&$filter=" + encode("_ownerid_value eq " + owner));
        assertEquals(harness.emulators.dataverse().rows("accounts").size(), owned.get("@odata.count").asInt());
        JsonNode modified = get("accounts?$select=modifiedon&$filter=" + encode("modifiedon gt 2020-01-01T00:00:00Z")
                + "&$orderby=" + encode("modifiedon asc,accountid asc") + "&$top=3");
        assertEquals(3, modified.get("value").size());
        JsonNode future = get("accounts?$select=name&$filter=" + encode("modifiedon ge 2999-01-01T00:00:00Z"));
        assertEquals(0, future.get("value").size());
    }

    @Test
    void orderByOrdersAndTopLimitsUnlessAPageSizeIsAsked() {
        JsonNode ordered = get("accounts?$select=name&$orderby=" + encode("name desc") + "&$top=10");
        List<String> names = new ArrayList<>();
        ordered.get("value").forEach(row -> names.add(row.get("name").asText().toLowerCase()));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, names);
        assertFalse(ordered.has("@odata.nextLink"), "$top alone gives no next page");
        JsonNode paged = get("accounts?$select=name&$top=3", "Prefer", "odata.maxpagesize=7");
        assertEquals(7, paged.get("value").size(), "$top is ignored with odata.maxpagesize");
    }

    @Test
    void pagesFollowTheNextLinkVerbatimAndVisitEveryRowOnce() {
        int total = harness.emulators.dataverse().rows("accounts").size();
        Set<String> seen = new HashSet<>();
        String link = api + "accounts?$select=name";
        int pages = 0;
        while (link != null) {
            HttpResponse<String> response = send("GET", link, token, null, "Prefer", "odata.maxpagesize=40");
            assertEquals("odata.maxpagesize=40", response.headers().firstValue("Preference-Applied").orElseThrow());
            JsonNode page = ok(200, response);
            page.get("value").forEach(row -> assertTrue(seen.add(row.get("accountid").asText()), "seen twice"));
            link = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            if (link != null) {
                assertTrue(link.contains("$skiptoken=%3Ccookie"), link);
            }
            pages++;
        }
        assertEquals(total, seen.size());
        assertEquals((total + 39) / 40, pages);
    }

    @Test
    void countsAreCappedAt5000AndSayWhenTheyAre() {
        JsonNode counted = get("systemusers?$select=fullname&$count=true");
        assertEquals(harness.emulators.dataverse().rows("systemusers").size(), counted.get("@odata.count").asInt());
        assertFalse(counted.get("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean());
        HttpResponse<String> bare = send("GET", api + "systemusers/$count", token, null);
        assertEquals(String.valueOf(counted.get("@odata.count").asInt()), bare.body());
        assertTrue(bare.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void aSingleRowHasItsEtagHeaderAndAnUnchangedOneAnswers304() {
        JsonNode any = get("accounts?$select=name&$top=1").get("value").get(0);
        String url = api + "accounts(" + any.get("accountid").asText() + ")?$select=name";
        HttpResponse<String> one = send("GET", url, token, null);
        JsonNode row = ok(200, one);
        assertEquals(row.get("@odata.etag").asText(), one.headers().firstValue("ETag").orElseThrow());
        assertTrue(row.get("@odata.context").asText().endsWith("$metadata#accounts/$entity"));
        assertEquals(304, send("GET", url, token, null, "If-None-Match", row.get("@odata.etag").asText()).statusCode());
        JsonNode annotated = ok(200, send("GET", url.replace("$select=name", "$select=_ownerid_value"), token, null,
                "Prefer", "odata.include-annotations=\"*\""));
        assertEquals("systemuser", annotated.get("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText());
    }

    @Test
    void whatTheServiceDoesNotSupportIsRefused() {
        refused(400, "$skip", send("GET", api + "accounts?$skip=10", token, null));
        refused(400, "nosuchcolumn", send("GET", api + "accounts?$select=nosuchcolumn", token, null));
        refused(400, "nosuchcolumn", send("GET", api + "accounts?$filter=" + encode("nosuchcolumn eq 1"), token, null));
        refused(400, "Syntax error", send("GET", api + "accounts?$filter=" + encode("name eq 'open"), token, null));
        refused(400, "key in the request URI is not valid",
                send("GET", api + "accounts(accountnumber='C000010')", token, null));
        refused(404, "Does Not Exist", send("GET", api + "accounts(00000000-0000-4000-8000-000000000001)", token, null));
        refused(404, "nosuchset", send("GET", api + "nosuchset", token, null));
        refused(405, "PATCH", send("PATCH", api + "accounts", token, "{}"));
    }
}
