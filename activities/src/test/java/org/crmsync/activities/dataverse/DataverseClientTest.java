package org.crmsync.activities.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmsync.activities.http.TransientFailure;
import org.crmsync.activities.profile.DataverseConnection;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.service.FaultSettings;
import org.junit.jupiter.api.Test;

/** The Dataverse connector against the Dataverse emulator, over HTTP. */
class DataverseClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map.Entry<String, ObjectNode> unitGroup(String name, String column, String value) {
        ObjectNode row = JSON.createObjectNode().put("name", name).put("baseuomname", name).put(column, value);
        return Map.entry(UUID.randomUUID().toString(), row);
    }

    private static DataverseClient client(Emulators emulators) {
        return new DataverseClient("test", new DataverseConnection(emulators.dataverseUrl(),
                emulators.dataverseUrl() + "/t/oauth2/v2.0/token", emulators.dataverseUrl() + "/.default",
                TokenService.DEMO_CLIENT_ID, TokenService.DEMO_CLIENT_SECRET));
    }

    @Test
    void aBatchGoesOnAfterARefusedRowAndSaysWhyPerRow() {
        try (Emulators emulators = Emulators.start(10, 1, 0, 0);
             DataverseClient dataverse = client(emulators)) {
            List<Map.Entry<String, ObjectNode>> rows = List.of(unitGroup("BOX", "description", "Boxes"),
                    unitGroup("BAD", "colour", "red"), unitGroup("PALLET", "description", "Pallets"));

            List<String> outcomes = dataverse.upsertBatch("uomschedules", rows);

            assertEquals(3, outcomes.size());
            assertNull(outcomes.get(0));
            assertTrue(outcomes.get(1).contains("colour"), outcomes.get(1));
            assertNull(outcomes.get(2), "the batch went on after the refused row");
            List<String> names = dataverse.readAll("uomschedules", null, "name").stream()
                    .map(row -> row.path("name").asText()).toList();
            assertTrue(names.containsAll(List.of("BOX", "PALLET")) && !names.contains("BAD"), names.toString());
        }
    }

    @Test
    void anUpsertWhoseAnswerIsLostIsSentAgainInPlaceAndWritesItsRowsOnce() {
        try (Emulators emulators = Emulators.start(10, 1, 0, 0);
             DataverseClient dataverse = client(emulators)) {
            String id = UUID.randomUUID().toString();
            ObjectNode account = JSON.createObjectNode().put("accountid", id).put("name", "Sent in place");
            emulators.dataverse().configureFaults(FaultSettings.NONE.withLostWrites(1, "UpsertMultiple"));

            assertThrows(TransientFailure.class, () -> dataverse.upsertMultiple("accounts", "account",
                    List.of(account)));

            assertEquals(5, emulators.dataverse().lostWrites(), "tried in place, as a PATCH is, not left to the page");
            emulators.dataverse().configureFaults(FaultSettings.NONE);
            assertEquals(List.of(id), dataverse.readAll("accounts", "name eq 'Sent in place'", "accountid").stream()
                    .map(row -> row.path("accountid").asText()).toList(), "one row, however often it was sent");
        }
    }
}
