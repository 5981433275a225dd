package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPPORTUNITY over HTTP (bc-integration.md §2): BC's open opportunities become Dataverse opportunities of the
 * coupled contact, its account and the salesperson's user; the name comes back from Dataverse; closed ones and
 * those whose contact is not coupled stay out, the latter with the reason.
 */
class OpportunitiesOverHttpTest {

    private static final Set<String> OPEN = Set.of("Not Started", "In Progress");

    @Test
    void openOpportunitiesArriveWithTheirContactAccountAndOwnerAndTheirNameComesBack(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(400, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");

            Map<String, Coupling> opportunities = worker.store().couplings(SyncOverHttp.PROFILE, "OPPORTUNITY");
            Map<String, Coupling> contacts = worker.store().couplings(SyncOverHttp.PROFILE, "CONTACT");
            Map<String, Coupling> salespeople = worker.store().couplings(SyncOverHttp.PROFILE, "SALESPEOPLE");
            Map<String, ObjectNode> contactByNumber = SyncOverHttp.byKey(it.bcRows("contacts"), "number");
            Map<String, ObjectNode> salespersonByCode = SyncOverHttp.byKey(it.bcRows("salespeoplePurchasers"), "code");
            Map<String, ObjectNode> crmOpportunities = SyncOverHttp.byKey(it.emulators.dataverse().rows("opportunities"), "opportunityid");
            Map<String, ObjectNode> crmContacts = SyncOverHttp.byKey(it.emulators.dataverse().rows("contacts"), "contactid");
            Map<String, FailedRecord> failed = worker.store().failures(SyncOverHttp.PROFILE, "OPPORTUNITY",
                    Direction.TO_INTEGRATION_TABLE).stream().collect(Collectors.toMap(FailedRecord::sourceId, f -> f));
            int checked = 0;
            for (ObjectNode opportunity : it.bcRows("opportunities")) {
                Coupling coupling = opportunities.get(opportunity.path("id").asText());
                if (!OPEN.contains(opportunity.path("status").asText())) {
                    assertEquals(null, coupling, "a closed opportunity stays in BC");
                    continue;
                }
                if (coupling == null) {
                    FailedRecord failure = failed.get(opportunity.path("id").asText());
                    assertNotNull(failure, "an open opportunity is coupled or failed");
                    assertTrue(failure.message().contains("must be coupled"), failure.message());
                    continue;
                }
                ObjectNode row = crmOpportunities.get(coupling.crmId());
                assertEquals(opportunity.path("description").asText(), row.path("name").asText());
                assertEquals(0, opportunity.path("estimatedValue").decimalValue()
                        .compareTo(new BigDecimal(row.path("estimatedvalue").asText())));
                Coupling contact = contacts.get(contactByNumber.get(opportunity.path("contactNumber").asText())
                        .path("id").asText());
                assertEquals(contact.crmId(), row.path("_parentcontactid_value").asText());
                assertEquals(crmContacts.get(contact.crmId()).path("_parentcustomerid_value").asText(),
                        row.path("_parentaccountid_value").asText(), "the account is the contact's");
                assertEquals(salespeople.get(salespersonByCode.get(opportunity.path("salespersonCode").asText())
                        .path("id").asText()).crmId(), row.path("_ownerid_value").asText());
                checked++;
            }
            assertTrue(checked > 5, "checked " + checked);

            // the name is bidirectional: renamed in Dataverse, the BC description follows
            Map.Entry<String, Coupling> pair = opportunities.entrySet().iterator().next();
            it.editInDataverse("opportunities", pair.getValue().crmId(), Map.of("name", "Renamed in Sales"));
            JobCounters counters = it.incremental(worker, "OPPORTUNITY", "renamed");
            assertEquals(1, counters.modified(), counters.toString());
            assertEquals("Renamed in Sales", SyncOverHttp.byKey(it.bcRows("opportunities"), "id").get(pair.getKey())
                    .path("description").asText());
        }
    }

    @Test
    void anOpportunityOpenedAfterTheFullSyncArrivesWithTheNextIncrementalSync(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(200, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            Map<String, Coupling> before = worker.store().couplings(SyncOverHttp.PROFILE, "OPPORTUNITY");
            ObjectNode template = it.bcRows("opportunities").stream()
                    .filter(opportunity -> before.containsKey(opportunity.path("id").asText())).findFirst().orElseThrow();
            ObjectNode opened = it.createInBusinessCentral("opportunities", Map.of(
                    "description", "Opened after the full sync",
                    "contactNumber", template.path("contactNumber").asText(),
                    "salespersonCode", template.path("salespersonCode").asText(),
                    "status", "In Progress"));

            JobCounters counters = it.incremental(worker, "OPPORTUNITY", "after-full-sync");

            assertEquals(1, counters.inserted(), "OPPORTUNITY does not synchronize only coupled records: " + counters);
            Coupling coupling = worker.store().couplings(SyncOverHttp.PROFILE, "OPPORTUNITY")
                    .get(opened.path("id").asText());
            assertNotNull(coupling, "the new opportunity is coupled");
            assertEquals("Opened after the full sync", SyncOverHttp.byKey(it.emulators.dataverse()
                    .rows("opportunities"), "opportunityid").get(coupling.crmId()).path("name").asText());
        }
    }
}
