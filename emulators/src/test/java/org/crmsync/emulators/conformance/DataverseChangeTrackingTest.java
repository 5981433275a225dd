package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.encode;
import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dataverse change tracking (apis.md A9): a delta link returns what changed since, deletes included. */
class DataverseChangeTrackingTest {

    private static Harness harness;
    private static String api;
    private static String token;

    @BeforeAll
    static void start() {
        harness = new Harness(300, 0.5);
        api = harness.dataverse;
        token = harness.token(harness.emulators.dataverseUrl());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** Follows next links to the delta link; returns rows by id (deleted ones as "deleted") and the delta link. */
    private static String readAll(String url, Map<String, String> seen) {
        String link = url;
        while (true) {
            JsonNode page = ok(200, send("GET", link, token, null, "Prefer", "odata.track-changes,odata.maxpagesize=25"));
            for (JsonNode row : page.get("value")) {
                if (row.has("reason")) {
                    assertTrue(row.get("@odata.context").asText().endsWith("$metadata#accounts/$deletedEntity"));
                    seen.put(row.get("id").asText(), "deleted");
                } else {
                    seen.put(row.get("accountid").asText(), row.get("name").asText());
                }
            }
            if (page.has("@odata.deltaLink")) {
                return page.get("@odata.deltaLink").asText();
            }
            link = page.get("@odata.nextLink").asText();
        }
    }

    @Test
    void theDeltaLinkReturnsChangedNewAndDeletedRowsOnce() {
        Map<String, String> initial = new HashMap<>();
        String delta = readAll(api + "accounts?$select=name", initial);
        assertEquals(harness.emulators.dataverse().rows("accounts").size(), initial.size());
        assertTrue(delta.contains("$deltatoken="), delta);
        String[] ids = initial.keySet().toArray(String[]::new);
        ok(204, send("PATCH", api + "accounts(" + ids[0] + ")", token, "{\"name\":\"Renamed\"}"));
        ok(204, send("DELETE", api + "accounts(" + ids[1] + ")", token, null));
        Harness.admin(harness.emulators.dataverseUrl(), "PATCH", "rows/accounts/" + ids[2], "{\"name\":\"Edited by a user\"}");
        String created = UUID.randomUUID().toString();
        ok(204, send("PATCH", api + "accounts(" + created + ")", token, "{\"name\":\"New\"}"));
        assertEquals("4", send("GET", api + "accounts/$count?" + delta.substring(delta.indexOf("$deltatoken=")), token,
                null).body(), "changes counted since the token");
        Map<String, String> changes = new HashMap<>();
        String next = readAll(delta, changes);
        assertEquals(Map.of(ids[0], "Renamed", ids[1], "deleted", ids[2], "Edited by a user", created, "New"), changes);
        Map<String, String> none = new HashMap<>();
        readAll(next, none);
        assertEquals(Map.of(), none, "nothing changed since the last delta link");
    }

    @Test
    void trackingRefusesWhatItCannotHonourAndOldOrForgedTokens() {
        refused(400, "$filter", send("GET", api + "accounts?$select=name&$filter=" + encode("name eq 'x'"), token, null,
                "Prefer", "odata.track-changes"));
        refused(400, "$top", send("GET", api + "accounts?$select=name&$top=3", token, null, "Prefer", "odata.track-changes"));
        refused(400, "not enabled for change tracking", send("GET", api + "systemuserrolescollection", token, null,
                "Prefer", "odata.track-changes"));
        refused(400, "not valid", send("GET", api + "accounts?$deltatoken=garbage", token, null));
        refused(400, "expired", send("GET", api + "accounts?$deltatoken=" + encode("5!01/01/2020 00:00:00"), token, null));
        Set<String> tables = new HashSet<>();
        ok(200, send("GET", api + "EntityDefinitions?$filter=" + encode("ChangeTrackingEnabled eq true"), token, null))
                .get("value").forEach(table -> tables.add(table.get("EntitySetName").asText()));
        assertTrue(tables.contains("accounts") && !tables.contains("systemuserrolescollection"), tables.toString());
    }
}
