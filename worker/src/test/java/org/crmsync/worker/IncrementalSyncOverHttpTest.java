package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.activities.mapping.DeletionConflict;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs after the full one, over HTTP: only what changed is read, failed records are retried first,
 * the same error twice skips a record until a user retries it, and a deleted counterpart is reported.
 */
class IncrementalSyncOverHttpTest {

    @TempDir
    Path storeDir;

    private SyncOverHttp it;

    @BeforeEach
    void start() {
        it = new SyncOverHttp(120, storeDir);
    }

    @AfterEach
    void stop() {
        it.close();
    }

    @Test
    void onlyChangedRecordsAreReadAndADeletedAccountIsReportedNotRecreated() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            List<ObjectNode> customers = it.unblocked("customers");
            for (ObjectNode customer : customers.subList(0, 3)) {
                it.editInBusinessCentral("customers", customer.path("id").asText(),
                        Map.of("displayName", "Renamed " + customer.path("number").asText()));
            }
            ObjectNode orphan = customers.get(3);
            String orphanAccount = it.accountsOfType(3).get(orphan.path("number").asText()).path("accountid").asText();
            it.deleteInDataverse("accounts", orphanAccount);
            it.editInBusinessCentral("customers", orphan.path("id").asText(), Map.of("phoneNumber", "555-0100"));
            it.createInBusinessCentral("customers", Map.of("number", "NEW-1", "displayName", "Not coupled yet",
                    "blocked", " "));

            JobCounters first = it.incremental(worker, "CUSTOMER", "incremental-1");

            assertEquals(3, first.modified(), first.toString());
            assertEquals(1, first.failed(), first.toString());
            assertEquals(1, first.skipped(), "a new customer waits for a coupling (Synch. Only Coupled Records)");
            assertEquals(0, first.unchanged() + first.inserted(), "records unchanged since the full sync are not read");
            Map<String, ObjectNode> accounts = it.accountsOfType(3);
            for (ObjectNode customer : customers.subList(0, 3)) {
                String number = customer.path("number").asText();
                assertEquals("Renamed " + number, accounts.get(number).path("name").asText());
            }
            assertTrue(!accounts.containsKey(orphan.path("number").asText()), "a deleted account is not re-created");
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.TO_INTEGRATION_TABLE).get(0);
            assertEquals(orphan.path("number").asText(), failure.sourceKey());
            assertEquals("the Dataverse account " + orphanAccount + " it is coupled to was deleted: restore it, "
                    + "remove the coupling, or set Deletion-Conflict Resolution on the CUSTOMER mapping",
                    failure.message());

            JobCounters second = it.incremental(worker, "CUSTOMER", "incremental-2");
            assertEquals(new JobCounters(0, 0, 0, 0, 0, 1, 0, 0), second,
                    "nothing changed: only the failed record is tried again");
        }
    }

    @Test
    void aDeletedAccountIsForgottenOrRestoredAsTheMappingSays() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            List<ObjectNode> customers = it.unblocked("customers");
            Map<String, ObjectNode> accounts = it.accountsOfType(3);
            TableMapping mapping = worker.store().mapping(SyncOverHttp.PROFILE, "CUSTOMER");

            ObjectNode forgotten = customers.get(0);
            it.deleteInDataverse("accounts", accounts.get(forgotten.path("number").asText()).path("accountid").asText());
            it.editInBusinessCentral("customers", forgotten.path("id").asText(), Map.of("phoneNumber", "555-0101"));
            worker.store().saveMapping(SyncOverHttp.PROFILE, mapping.withResolutions(DeletionConflict.REMOVE_COUPLING,
                    mapping.updateConflict()));
            assertEquals(new JobCounters(0, 0, 0, 0, 0, 0, 0, 1), it.incremental(worker, "CUSTOMER", "uncouple"));
            assertTrue(!worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").containsKey(
                    forgotten.path("id").asText()), "the coupling is removed");

            ObjectNode restored = customers.get(1);
            String accountId = accounts.get(restored.path("number").asText()).path("accountid").asText();
            it.deleteInDataverse("accounts", accountId);
            it.editInBusinessCentral("customers", restored.path("id").asText(), Map.of("phoneNumber", "555-0102"));
            worker.store().saveMapping(SyncOverHttp.PROFILE, mapping.withResolutions(DeletionConflict.RESTORE_RECORDS,
                    mapping.updateConflict()));
            assertEquals(new JobCounters(1, 0, 0, 0, 0, 0, 0, 0), it.incremental(worker, "CUSTOMER", "restore"));
            ObjectNode account = it.accountsOfType(3).get(restored.path("number").asText());
            assertEquals(accountId, account.path("accountid").asText(), "re-created under its old id, still coupled");
            assertEquals("555-0102", account.path("telephone1").asText());
        }
    }

    @Test
    void aFixedParentLetsRetriedRecordsThroughOnceTheUserRetriesThoseSkipped() {
        ObjectNode rate = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "currencyExchangeRates").get(0);
        String code = rate.path("currencyCode").asText();
        it.deleteInBusinessCentral("currencyExchangeRates", rate.path("id").asText());
        Set<String> inCurrency = it.unblocked("customers").stream()
                .filter(customer -> customer.path("currencyCode").asText().equals(code))
                .map(customer -> customer.path("number").asText()).collect(Collectors.toSet());
        assertTrue(!inCurrency.isEmpty(), "the demo company has customers in " + code);

        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            // The same error in the next job: the customers are skipped, no longer retried on every run.
            JobCounters again = it.incremental(worker, "CUSTOMER", "incremental-1");
            assertEquals(inCurrency.size(), again.failed());
            List<FailedRecord> failures = worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.TO_INTEGRATION_TABLE);
            assertEquals(inCurrency, failures.stream().map(FailedRecord::sourceKey).collect(Collectors.toSet()));
            assertTrue(failures.stream().allMatch(FailedRecord::skipped), "skipped after the same error twice");
            assertEquals(0, it.incremental(worker, "CUSTOMER", "incremental-2").failed(), "skipped records are left alone");

            // The user fixes the rate; the currency, failed before, is retried without being edited.
            it.createInBusinessCentral("currencyExchangeRates", Map.of("currencyCode", code,
                    "startingDate", rate.path("startingDate").asText(),
                    "exchangeRateAmount", rate.path("exchangeRateAmount").decimalValue(),
                    "relationalCurrencyCode", "",
                    "relationalExchangeRateAmount", rate.path("relationalExchangeRateAmount").decimalValue()));
            assertEquals(1, it.incremental(worker, "CURRENCY", "currency-1").inserted(),
                    "the currency whose insert failed is retried, and inserted, without being edited");
            assertEquals(0, it.incremental(worker, "CUSTOMER", "incremental-3").inserted(),
                    "skipped customers wait for the user");

            assertEquals(inCurrency.size(), worker.store().retrySkipped(SyncOverHttp.PROFILE, "CUSTOMER"));
            JobCounters retried = it.incremental(worker, "CUSTOMER", "incremental-4");
            assertEquals(inCurrency.size(), retried.inserted(), retried.toString());
            assertEquals(0, retried.failed());
            assertTrue(it.accountsOfType(3).keySet().containsAll(inCurrency));
            assertEquals(List.of(), worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.TO_INTEGRATION_TABLE));
        }
    }
}
