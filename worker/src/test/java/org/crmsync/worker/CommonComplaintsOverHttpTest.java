package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.activities.profile.ConnectionProfiles;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.activities.sync.SyncActivitiesImpl;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common complaints about BC's own integration (bc-integration.md §10), each played over HTTP against the
 * emulators: what crmsync does, and what the user is told. Prints one row per complaint. The third, the
 * integration user's roles, is the setup guide's (SetupOverHttpTest, SetupWorkflowTest).
 */
class CommonComplaintsOverHttpTest {

    private static final int ACCOUNT_CUSTOMER = 3;

    private record Row(String complaint, String outcome) {
    }

    @Test
    void eachCommonComplaintEndsInAClearMessageOrDoesNotHappen(@TempDir Path store) {
        List<Row> table = new ArrayList<>();
        try (SyncOverHttp it = new SyncOverHttp(new DemoCompany.Options(120, 7, 0.25), store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET);
             SyncActivitiesImpl tools = new SyncActivitiesImpl(new ConnectionProfiles(List.of(
                     it.profile(TokenService.DEMO_CLIENT_SECRET))), worker.store(), Clock.systemUTC(), 100, 2)) {
            // 1: a salesperson no CRM user has the e-mail of, owning a customer
            ObjectNode salesperson = it.createInBusinessCentral("salespeoplePurchasers", Map.of("code", "SPNEW",
                    "displayName", "New Seller", "email", "new.seller@elsewhere.example"));
            it.createInBusinessCentral("customers", Map.of("number", "OWNED-1", "displayName", "Owned by New Seller",
                    "salespersonCode", "SPNEW", "blocked", " "));
            // 2: a currency BC has no exchange rate for, and a customer in it
            it.createInBusinessCentral("currencies", Map.of("code", "ISK", "displayName", "Icelandic Krona"));
            it.createInBusinessCentral("customers", Map.of("number", "ISK-1", "displayName", "Reykjavik ehf",
                    "currencyCode", "ISK", "blocked", " "));
            // 9: a Sales contact with no parent account
            it.createInDataverse("contacts", Map.of("firstname", "No", "lastname", "Parent", "statecode", 0));

            SyncResult full = it.fullSync("");
            assertEquals(SyncStatus.FINISHED, full.status(), "failed records do not fail the sync");

            FailedRecord owned = failure(worker, "CUSTOMER", Direction.TO_INTEGRATION_TABLE, "OWNED-1");
            assertEquals("Salesperson Code SPNEW must be coupled to a Dataverse record (couple the salesperson with a "
                    + "CRM user)", owned.message());
            table.add(new Row("1. salesperson not coupled", owned.message()));

            FailedRecord currency = failure(worker, "CURRENCY", Direction.TO_INTEGRATION_TABLE, "ISK");
            FailedRecord inCurrency = failure(worker, "CUSTOMER", Direction.TO_INTEGRATION_TABLE, "ISK-1");
            assertTrue(currency.message().contains("exchange rate"), currency.message());
            assertTrue(inCurrency.message().startsWith("Currency Code ISK must be coupled"), inCurrency.message());
            table.add(new Row("2. parent not coupled (no exchange rate)", currency.message() + " / "
                    + inCurrency.message()));

            // 5: a quarter of the customers were in Sales already, under their numbers
            Map<String, List<ObjectNode>> byNumber = it.emulators.dataverse().rows("accounts").stream()
                    .filter(account -> account.path("customertypecode").asInt() == ACCOUNT_CUSTOMER)
                    .collect(Collectors.groupingBy(account -> account.path("accountnumber").asText()));
            assertTrue(byNumber.values().stream().allMatch(same -> same.size() == 1), "no account twice");
            long coupled = SyncOverHttp.line(full, "CUSTOMER").counters().coupled();
            assertTrue(coupled > 0, "the accounts Sales had were coupled, not duplicated");
            table.add(new Row("5. duplicates when both sides hold data", coupled + " existing accounts coupled by "
                    + "number, none duplicated"));

            // 6: the same error twice in a row skips the record; fixing the cause and retrying brings it back
            it.incremental(worker, "CUSTOMER", "second-run");
            owned = failure(worker, "CUSTOMER", Direction.TO_INTEGRATION_TABLE, "OWNED-1");
            assertTrue(owned.skipped(), "skipped after the same error in two consecutive runs");
            Set<String> paired = worker.store().couplings(SyncOverHttp.PROFILE, "SALESPEOPLE").values().stream()
                    .map(Coupling::crmId).collect(Collectors.toSet());
            String freeUser = it.emulators.dataverse().rows("systemusers").stream()
                    .filter(user -> !user.path("isdisabled").asBoolean() && user.path("islicensed").asBoolean()
                            && !user.path("isintegrationuser").asBoolean())
                    .map(user -> user.path("systemuserid").asText()).filter(id -> !paired.contains(id))
                    .findFirst().orElseThrow();
            tools.couple(new CoupleRequest(SyncOverHttp.PROFILE, "SALESPEOPLE", salesperson.path("id").asText(),
                    freeUser, Direction.FROM_INTEGRATION_TABLE, "pair-seller"));
            JobCounters stillSkipped = it.incremental(worker, "CUSTOMER", "before-retry");
            assertEquals(0, stillSkipped.inserted(), "a skipped record waits for the user: " + stillSkipped);
            assertEquals(2, tools.retrySkipped(new RetrySkippedRequest(SyncOverHttp.PROFILE, "CUSTOMER")),
                    "OWNED-1 and ISK-1, skipped alike");
            JobCounters retried = it.incremental(worker, "CUSTOMER", "retried");
            assertEquals(1, retried.inserted(), "OWNED-1; ISK-1's currency is still not coupled: " + retried);
            assertEquals(freeUser, accountNumbered(it, "OWNED-1").path("_ownerid_value").asText(),
                    "owned by the user the salesperson was paired with");
            table.add(new Row("6. records stuck as Skipped", "skipped after the same error twice; after the cause "
                    + "is fixed, crmsync errors retry brings it back: inserted on the next run"));

            Map<String, Coupling> customers = worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER");
            List<Map.Entry<String, Coupling>> pairs = List.copyOf(customers.entrySet());
            // 4: an edit made under the integration user's account is taken for the integration's own echo
            Map.Entry<String, Coupling> echoed = pairs.get(0);
            String bcName = customer(it, echoed.getKey()).path("displayName").asText();
            it.emulators.dataverse().setInteractiveUser(integrationUser(it));
            it.editInDataverse("accounts", echoed.getValue().crmId(), Map.of("name", "Edited as the integration"));
            it.emulators.dataverse().setInteractiveUser(freeUser); // a person again, for the edits that follow
            // 7: the account of a coupled customer deleted in Sales, the customer changed in BC
            Map.Entry<String, Coupling> deleted = pairs.get(1);
            it.deleteInDataverse("accounts", deleted.getValue().crmId());
            it.editInBusinessCentral("customers", deleted.getKey(), Map.of("phoneNumber", "+1 555 0101"));
            // 8: both sides renamed since the last sync
            Map.Entry<String, Coupling> contested = pairs.get(2);
            it.editInBusinessCentral("customers", contested.getKey(), Map.of("displayName", "Renamed in BC"));
            it.editInDataverse("accounts", contested.getValue().crmId(), Map.of("name", "Renamed in Sales"));

            JobCounters incremental = it.incremental(worker, "CUSTOMER", "complaints");

            assertEquals(bcName, customer(it, echoed.getKey()).path("displayName").asText(),
                    "the integration user's edit is not pulled back");
            table.add(new Row("4. edits under the integration account never sync", "by design, as BC's echo filter: "
                    + "rows last modified by the integration user are not read back; edit as yourself"));
            String deletedKey = customer(it, deleted.getKey()).path("number").asText();
            FailedRecord gone = failure(worker, "CUSTOMER", Direction.TO_INTEGRATION_TABLE, deletedKey);
            assertEquals("the Dataverse account " + deleted.getValue().crmId() + " it is coupled to was deleted: "
                    + "restore it, remove the coupling, or set Deletion-Conflict Resolution on the CUSTOMER mapping",
                    gone.message());
            table.add(new Row("7. deleted on one side", gone.message()));
            String contestedKey = customer(it, contested.getKey()).path("number").asText();
            FailedRecord conflict = failure(worker, "CUSTOMER", Direction.TO_INTEGRATION_TABLE, contestedKey);
            assertEquals("changed in both Business Central and Dataverse since the last synchronization, and these "
                    + "bidirectional fields differ: Display Name. Make the two sides agree, or set Update-Conflict "
                    + "Resolution on the CUSTOMER mapping", conflict.message());
            assertEquals("Renamed in BC", customer(it, contested.getKey()).path("displayName").asText(),
                    "neither side is overwritten");
            table.add(new Row("8. conflict with no resolution", conflict.message()));

            // 9: a contact with no parent account is outside CONTACT's filter: never read, never failed
            assertTrue(it.emulators.bc().rows(DemoCompany.COMPANY_ID, "contacts").stream()
                    .noneMatch(contact -> contact.path("displayName").asText().equals("No Parent")));
            assertTrue(worker.store().errors(SyncOverHttp.PROFILE, "CONTACT").stream()
                    .noneMatch(error -> error.sourceKey().contains("No Parent")));
            table.add(new Row("9. CRM contacts without a parent account", "outside CONTACT's filter (a parent "
                    + "account): not read, as BC's; one under an account with no BC company fails saying so"));

            // 10: an incremental run reads what changed since the last one, not the table
            long read = incremental.inserted() + incremental.modified() + incremental.unchanged()
                    + incremental.failed() + incremental.skipped();
            assertTrue(read <= 4, "only the changed and the failed records are read: " + incremental);
            table.add(new Row("10. slow syncs", "the incremental run after the full sync of " + customers.size()
                    + " customers read " + read + " records: watermarks per direction, never rescanning"));
        }
        table.sort(Comparator.comparingInt(row -> Integer.parseInt(row.complaint().substring(0,
                row.complaint().indexOf('.')))));
        System.out.printf("%-50s %s%n", "Complaint (bc-integration.md §10)", "What crmsync does");
        table.forEach(row -> System.out.printf("%-50s %s%n", row.complaint(), row.outcome()));
    }

    private static FailedRecord failure(CrmSyncWorker worker, String mapping, Direction direction, String key) {
        FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, mapping, direction).stream()
                .filter(f -> key.equals(f.sourceKey())).findFirst().orElse(null);
        assertNotNull(failure, "no failure of " + mapping + " " + key);
        return failure;
    }

    private static ObjectNode customer(SyncOverHttp it, String id) {
        return it.emulators.bc().row(DemoCompany.COMPANY_ID, "customers", id);
    }

    private static ObjectNode accountNumbered(SyncOverHttp it, String number) {
        return it.emulators.dataverse().rows("accounts").stream()
                .filter(account -> account.path("accountnumber").asText().equals(number)).findFirst().orElseThrow();
    }

    private static String integrationUser(SyncOverHttp it) {
        return it.emulators.dataverse().rows("systemusers").stream()
                .filter(user -> user.path("internalemailaddress").asText().startsWith("bc-integration@"))
                .findFirst().orElseThrow().path("systemuserid").asText();
    }
}
