package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.profile.ConnectionProfiles;
import org.crmsync.activities.sync.SyncActivitiesImpl;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.FailuresRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.RecordFailureView;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SynchronizeRequest;
import org.crmsync.workflows.sync.UncoupleRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coupling tools on single records, over HTTP to the emulators and on the worker's store: couple by
 * hand with either side's values winning, refuse a second coupling, uncouple, synchronize now.
 */
class CouplingToolsOverHttpTest {

    @TempDir
    Path storeDir;

    private SyncOverHttp it;

    @BeforeEach
    void start() {
        it = new SyncOverHttp(40, storeDir);
    }

    @AfterEach
    void stop() {
        it.close();
    }

    /** The activities as the worker runs them, on its store, called directly. */
    private SyncActivitiesImpl tools(CrmSyncWorker worker) {
        return new SyncActivitiesImpl(new ConnectionProfiles(List.of(it.profile(TokenService.DEMO_CLIENT_SECRET))),
                worker.store(), Clock.systemUTC(), 100, 2);
    }

    private ObjectNode account(String id) {
        return it.emulators.dataverse().rows("accounts").stream()
                .filter(row -> row.path("accountid").asText().equals(id)).findFirst().orElseThrow();
    }

    private ObjectNode customer(String id) {
        return it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                .filter(row -> row.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCustomerAndAnAccountCoupledByHandTakeTheChosenSidesValuesAndCannotBeCoupledTwice() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET);
             SyncActivitiesImpl tools = tools(worker)) {
            it.fullSync("");
            String bcId = it.createInBusinessCentral("customers", Map.of("displayName", "Contoso Retail",
                    "blocked", " ")).path("id").asText();
            String crmId = it.createInDataverse("accounts", Map.of("name", "Contoso (Sales)", "customertypecode", 3,
                    "statecode", 0)).path("accountid").asText();

            JobCounters coupled = tools.couple(new CoupleRequest(SyncOverHttp.PROFILE, "CUSTOMER", bcId, crmId,
                    Direction.TO_INTEGRATION_TABLE, "couple-1"));

            assertEquals(1, coupled.modified(), coupled.toString());
            assertEquals("Contoso Retail", account(crmId).path("name").asText(), "Business Central's values win");
            assertEquals(customer(bcId).path("number").asText(), account(crmId).path("accountnumber").asText());
            ApplicationFailure twice = assertThrows(ApplicationFailure.class, () -> tools.couple(new CoupleRequest(
                    SyncOverHttp.PROFILE, "CUSTOMER", bcId, crmId, Direction.TO_INTEGRATION_TABLE, "couple-2")));
            assertEquals(SyncActivities.COUPLING_REFUSED, twice.getType());
            assertEquals("The Business Central record " + bcId + " is coupled to " + crmId + " in CUSTOMER already; "
                    + "uncouple it first", twice.getOriginalMessage());

            assertEquals(1, tools.uncouple(new UncoupleRequest(SyncOverHttp.PROFILE, "CUSTOMER", List.of(bcId))));
            assertTrue(!worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").containsKey(bcId));
            it.editInDataverse("accounts", crmId, Map.of("name", "Contoso from Sales"));
            JobCounters recoupled = tools.couple(new CoupleRequest(SyncOverHttp.PROFILE, "CUSTOMER", bcId, crmId,
                    Direction.FROM_INTEGRATION_TABLE, "couple-3"));
            assertEquals(1, recoupled.modified(), recoupled.toString());
            assertEquals("Contoso from Sales", customer(bcId).path("displayName").asText(), "Sales' values win");
        }
    }

    @Test
    void aRowDataverseRefusesFailsAloneWithoutARequestPerRow() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET);
             SyncActivitiesImpl tools = tools(worker)) {
            it.fullSync("");
            String company = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "contacts").stream()
                    .filter(c -> c.path("type").asText().equals("Person")).findFirst().orElseThrow()
                    .path("companyNumber").asText();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(it.createInBusinessCentral("contacts", Map.of("type", "Person", "companyNumber", company,
                        "displayName", "Person " + i, "email", "person" + i + "@example.com")).path("id").asText());
            }
            // Dataverse keeps first names of up to 50 characters; BC's display name holds more.
            String tooLong = "Maximilianus".repeat(5) + " Long";
            ids.add(20, it.createInBusinessCentral("contacts", Map.of("type", "Person", "companyNumber", company,
                    "displayName", tooLong)).path("id").asText());
            long before = it.dataverseRequests();

            JobCounters synced = tools.synchronize(new SynchronizeRequest(SyncOverHttp.PROFILE, "CONTACT",
                    Direction.TO_INTEGRATION_TABLE, "contacts-now", ids));

            long requests = it.dataverseRequests() - before;
            assertEquals(40, synced.inserted(), synced.toString());
            assertEquals(1, synced.failed(), synced.toString());
            assertTrue(worker.store().errors(SyncOverHttp.PROFILE, "CONTACT").stream()
                    .anyMatch(error -> error.sourceId().equals(ids.get(20)) && error.message().contains("firstname")));
            assertTrue(requests < 25, "a refused batch is halved, not written row by row: " + requests + " requests");

            // The same refusal in the next job skips the contact until the user retries it.
            FailuresRequest listing = new FailuresRequest(SyncOverHttp.PROFILE, "CONTACT");
            RecordFailureView first = tools.failures(listing).get(0);
            assertEquals(List.of(Direction.TO_INTEGRATION_TABLE, ids.get(20), false),
                    List.of(first.direction(), first.sourceId(), first.skipped()));
            assertTrue(first.message().contains("'firstname'"), first.message());
            tools.synchronize(new SynchronizeRequest(SyncOverHttp.PROFILE, "CONTACT", Direction.TO_INTEGRATION_TABLE,
                    "contacts-again", List.of(ids.get(20))));
            assertTrue(tools.failures(listing).get(0).skipped(), "the same error in two jobs skips the record");
            assertEquals(1, tools.retrySkipped(new RetrySkippedRequest(SyncOverHttp.PROFILE, "CONTACT")));
            assertEquals(List.of(false), tools.failures(listing).stream().map(RecordFailureView::skipped).toList());
        }
    }

    @Test
    void aRecordSynchronizedNowIsInsertedEvenUncoupledAndTheWatermarkStays() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET);
             SyncActivitiesImpl tools = tools(worker)) {
            it.fullSync("");
            var watermark = worker.store().watermark(SyncOverHttp.PROFILE, "CUSTOMER", Direction.TO_INTEGRATION_TABLE);
            String earlier = it.createInBusinessCentral("customers", Map.of("displayName", "Waiting its turn",
                    "blocked", " ")).path("id").asText();
            String chosen = it.createInBusinessCentral("customers", Map.of("displayName", "Wanted now",
                    "blocked", " ")).path("id").asText();

            JobCounters now = tools.synchronize(new SynchronizeRequest(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.TO_INTEGRATION_TABLE, "now-1", List.of(chosen)));

            assertEquals(1, now.inserted(), "Synch. Only Coupled Records does not hold back a record asked for");
            assertTrue(worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").containsKey(chosen));
            assertTrue(!worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").containsKey(earlier));
            assertEquals(watermark, worker.store().watermark(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.TO_INTEGRATION_TABLE), "the next incremental sync still reads what changed before");
        }
    }
}
