package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.activities.bc.BusinessCentralClient;
import org.crmsync.activities.http.MalformedResponse;
import org.crmsync.activities.store.RecordError;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over HTTP: each case ends either handled or as a recorded per-record error with the record's
 * key and a reason a user can act on, and every other record still synchronizes. Prints one row per case.
 */
class BadInputOverHttpTest {

    private static final int ACCOUNT_CUSTOMER = 3;

    private record Case(String input, String key, String outcome) {
    }

    @Test
    void everyBadInputIsHandledOrRecordedWithItsKeyAndReasonAndTheRestSynchronizes(@TempDir Path store) {
        List<Case> table = new ArrayList<>();
        try (SyncOverHttp it = new SyncOverHttp(140, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            // quotes and unicode in a key that travels in a $filter when matching
            String quoted = "O'NEIL-Ü1";
            it.createInBusinessCentral("customers", Map.of("number", quoted, "displayName", "O'Neil & Søn", "blocked", " "));
            String quotedAccount = it.createInDataverse("accounts", Map.of("name", "O'Neil & Søn (Sales)",
                    "accountnumber", quoted, "customertypecode", ACCOUNT_CUSTOMER, "statecode", 0)).path("accountid").asText();
            // the same key twice on the other side
            it.createInBusinessCentral("customers", Map.of("number", "DUP-1", "displayName", "Twice in Sales", "blocked", " "));
            for (int i = 0; i < 2; i++) {
                it.createInDataverse("accounts", Map.of("name", "Twice " + i, "accountnumber", "DUP-1",
                        "customertypecode", ACCOUNT_CUSTOMER, "statecode", 0));
            }

            // an invalid lookup: a currency without an exchange rate cannot be coupled, nor its customers' currency
            it.createInBusinessCentral("currencies", Map.of("code", "NOK", "displayName", "Norwegian Krone"));
            it.createInBusinessCentral("customers", Map.of("number", "NOK-1", "displayName", "Oslo Fjord AS",
                    "currencyCode", "NOK", "blocked", " "));

            SyncResult first = it.fullSync("");
            assertEquals(SyncStatus.FINISHED, first.status());

            ObjectNode quotedRow = accountsByNumber(it).get(quoted);
            assertEquals(quotedAccount, quotedRow.path("accountid").asText(), "coupled with the account, not duplicated");
            assertEquals("O'Neil & Søn", quotedRow.path("name").asText());
            table.add(new Case("quotes and unicode in a matched key", quoted, "coupled, BC's name written"));

            RecordError twice = error(worker, "CUSTOMER", "DUP-1");
            assertTrue(twice.message().contains("agree with 2 Dataverse account records"), twice.message());
            assertEquals(2, it.emulators.dataverse().rows("accounts").stream()
                    .filter(a -> a.path("accountnumber").asText().equals("DUP-1")).count(), "no third account");
            table.add(new Case("the key twice on the other side", "DUP-1", twice.message()));

            // every fourth customer has contacts and every 33rd is blocked: C001320 is both
            Set<String> blocked = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .filter(c -> !c.path("blocked").asText().isBlank()).map(c -> c.path("number").asText())
                    .collect(Collectors.toSet());
            RecordError orphan = worker.store().errors(SyncOverHttp.PROFILE, "CONTACT").stream()
                    .filter(e -> blocked.stream().anyMatch(number -> e.message().contains("Customer " + number)))
                    .findFirst().orElseThrow();
            assertTrue(orphan.message().contains("must be coupled"), orphan.message());
            table.add(new Case("a record whose parent fails (contact of a blocked customer)", orphan.sourceKey(),
                    orphan.message()));

            RecordError lookup = error(worker, "CUSTOMER", "NOK-1");
            assertTrue(lookup.message().startsWith("Currency Code NOK must be coupled"), lookup.message());
            table.add(new Case("a lookup to a record that could not be coupled", "NOK-1", lookup.message()));

            // a value longer than the other side holds: Dataverse keeps first names of up to 50 characters
            String company = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "contacts").stream()
                    .filter(c -> worker.store().couplings(SyncOverHttp.PROFILE, "CONTACT").containsKey(c.path("id").asText()))
                    .findFirst().orElseThrow().path("companyNumber").asText();
            ObjectNode overlong = it.createInBusinessCentral("contacts", Map.of("type", "Person", "companyNumber", company,
                    "displayName", "Maximilianus".repeat(5) + " Long"));
            SyncResult second = it.fullSync("-again");
            assertEquals(SyncStatus.FINISHED, second.status());
            RecordError tooLong = error(worker, "CONTACT", overlong.path("number").asText());
            assertTrue(tooLong.message().contains("firstname"), tooLong.message());
            table.add(new Case("a value longer than the other side holds", tooLong.sourceKey(), tooLong.message()));

            // a misbehaving server: every answer to a read cut off halfway
            it.emulators.bc().configureFaults(FaultSettings.NONE.withMalformedAnswers(1));
            TableSyncRequest customers = TableSyncRequest.start(SyncOverHttp.PROFILE, "CUSTOMER",
                    worker.store().mapping(SyncOverHttp.PROFILE, "CUSTOMER").direction(), "malformed", true, false);
            WorkflowFailedException stopped = assertThrows(WorkflowFailedException.class, () -> it.tableSync(customers));
            String reason = FailureReason.of(stopped);
            assertTrue(reason.startsWith("Business Central answered GET /v2.0/") && reason.contains("not JSON")
                    && reason.contains("last of 5 tries") && reason.contains("resume"), reason);
            // a count cut off is empty, and empty is not zero records (a plan would skip the mapping)
            try (BusinessCentralClient bc = new BusinessCentralClient(SyncOverHttp.PROFILE,
                    it.profile(TokenService.DEMO_CLIENT_SECRET).businessCentral())) {
                MalformedResponse count = assertThrows(MalformedResponse.class, () -> bc.count("shipmentMethods", null));
                assertTrue(count.getMessage().contains("empty body"), count.getMessage());
            }
            it.emulators.bc().configureFaults(FaultSettings.NONE);
            JobCounters resumed = it.tableSync(customers);
            assertEquals(0, resumed.inserted() + resumed.failed(), "nothing written twice, nothing lost: " + resumed);
            table.add(new Case("a server whose every read answer is cut off", "-", reason));

            // nothing else lost: every other unblocked customer has its one account
            Map<String, ObjectNode> accounts = accountsByNumber(it);
            List<String> missing = it.unblocked("customers").stream().map(c -> c.path("number").asText())
                    .filter(number -> !List.of("DUP-1", "NOK-1").contains(number) && !accounts.containsKey(number)).toList();
            assertEquals(List.of(), missing);
        }
        System.out.printf("%-58s %-12s %s%n", "Bad input", "Key", "Outcome");
        table.forEach(c -> System.out.printf("%-58s %-12s %s%n", c.input(), c.key(), c.outcome()));
    }

    /** Customer accounts by number, each number once but the one the test put in Dataverse twice. */
    private static Map<String, ObjectNode> accountsByNumber(SyncOverHttp it) {
        Map<String, List<ObjectNode>> byNumber = it.emulators.dataverse().rows("accounts").stream()
                .filter(a -> a.path("customertypecode").asInt() == ACCOUNT_CUSTOMER)
                .filter(a -> !a.path("accountnumber").asText().equals("DUP-1"))
                .collect(Collectors.groupingBy(a -> a.path("accountnumber").asText()));
        byNumber.forEach((number, same) -> assertEquals(1, same.size(), "one account numbered " + number));
        return byNumber.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    }

    private static RecordError error(CrmSyncWorker worker, String mapping, String key) {
        return worker.store().errors(SyncOverHttp.PROFILE, mapping).stream().filter(e -> key.equals(e.sourceKey()))
                .findFirst().orElseThrow(() -> new AssertionError("no recorded error for " + mapping + " " + key));
    }
}
