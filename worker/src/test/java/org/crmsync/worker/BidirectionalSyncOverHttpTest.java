package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.mapping.UpdateConflict;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CUSTOMER both ways over HTTP: a user's change in Dataverse reaches Business Central, the integration's
 * own writes are not read back, and a record changed on both sides is a conflict the user is told about.
 */
class BidirectionalSyncOverHttpTest {

    @TempDir
    Path storeDir;

    private SyncOverHttp it;

    @BeforeEach
    void start() {
        it = new SyncOverHttp(60, storeDir);
    }

    @AfterEach
    void stop() {
        it.close();
    }

    private ObjectNode customer(String number) {
        return it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                .filter(row -> row.path("number").asText().equals(number)).findFirst().orElseThrow();
    }

    private ObjectNode account(String number) {
        return it.emulators.dataverse().rows("accounts").stream()
                .filter(row -> row.path("accountnumber").asText().equals(number)).findFirst().orElseThrow();
    }

    /** A customer in the local currency, so that a change of currency in Dataverse is visible in BC. */
    private String localCurrencyCustomer() {
        return it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                .filter(row -> row.path("blocked").asText().isBlank() && row.path("currencyCode").asText().isEmpty())
                .findFirst().orElseThrow().path("number").asText();
    }

    private String crmCurrency(String isoCode) {
        return it.emulators.dataverse().rows("transactioncurrencies").stream()
                .filter(row -> row.path("isocurrencycode").asText().equals(isoCode)).findFirst().orElseThrow()
                .path("transactioncurrencyid").asText();
    }

    @Test
    void aUsersChangeInDataverseReachesBusinessCentralAndIsNotEchoedBack() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            assertEquals(0, it.incremental(worker, "CUSTOMER", "quiet").processed(),
                    "after a full sync nothing changed: the integration's own writes are not read back");
            String number = localCurrencyCustomer();
            String currency = DemoCompany.LOCAL_CURRENCY.equals("EUR") ? "USD" : "EUR";
            it.editInDataverse("accounts", account(number).path("accountid").asText(), Map.of(
                    "name", "Edited in Sales", "telephone1", "+1 555 0199",
                    "transactioncurrencyid@odata.bind", "/transactioncurrencies(" + crmCurrency(currency) + ")"));

            JobCounters pulled = it.incremental(worker, "CUSTOMER", "pull");

            assertEquals(1, pulled.modified(), pulled.toString());
            assertEquals(0, pulled.failed(), pulled.toString());
            ObjectNode customer = customer(number);
            assertEquals("Edited in Sales", customer.path("displayName").asText());
            assertEquals("+1 555 0199", customer.path("phoneNumber").asText());
            assertEquals(currency, customer.path("currencyCode").asText(), "the currency resolves through its coupling");

            JobCounters after = it.incremental(worker, "CUSTOMER", "after");
            assertEquals(0, after.modified() + after.inserted() + after.failed(),
                    "the update written to BC is not written back to Dataverse: " + after);
        }
    }

    /** Edits one customer's name on both sides after a full sync and returns its number. */
    private String changedOnBothSides() {
        it.fullSync("");
        String number = localCurrencyCustomer();
        it.editInBusinessCentral("customers", customer(number).path("id").asText(),
                Map.of("displayName", "Name from Business Central"));
        it.editInDataverse("accounts", account(number).path("accountid").asText(), Map.of("name", "Name from Sales"));
        return number;
    }

    private static void resolveUpdates(CrmSyncWorker worker, UpdateConflict resolution) {
        TableMapping customer = worker.store().mapping(SyncOverHttp.PROFILE, "CUSTOMER");
        worker.store().saveMapping(SyncOverHttp.PROFILE, customer.withResolutions(customer.deletionConflict(),
                resolution));
    }

    @Test
    void sendUpdateToIntegrationLetsBusinessCentralWin() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            resolveUpdates(worker, UpdateConflict.SEND_UPDATE_TO_INTEGRATION);
            String number = changedOnBothSides();

            JobCounters resolved = it.incremental(worker, "CUSTOMER", "resolved");

            assertEquals(new JobCounters(0, 1, 0, 0, 0, 0, 0, 0), resolved);
            assertEquals("Name from Business Central", account(number).path("name").asText());
            assertEquals("Name from Business Central", customer(number).path("displayName").asText());
        }
    }

    @Test
    void getUpdateFromIntegrationLetsDataverseWin() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            resolveUpdates(worker, UpdateConflict.GET_UPDATE_FROM_INTEGRATION);
            String number = changedOnBothSides();

            JobCounters resolved = it.incremental(worker, "CUSTOMER", "resolved");

            assertEquals(new JobCounters(0, 1, 0, 0, 1, 0, 0, 0), resolved,
                    "skipped going to Dataverse, modified coming back");
            assertEquals("Name from Sales", customer(number).path("displayName").asText());
            assertEquals("Name from Sales", account(number).path("name").asText());
            JobCounters after = it.incremental(worker, "CUSTOMER", "after");
            assertEquals(0, after.modified() + after.failed() + after.skipped(), after.toString());
        }
    }

    @Test
    void aProductRenamedInSalesRenamesItsItemAndOnlyTheName() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            ObjectNode product = it.emulators.dataverse().rows("products").get(0);
            String number = product.path("productnumber").asText();
            it.editInDataverse("products", product.path("productid").asText(), Map.of("name", "Renamed in Sales",
                    "price", 1));
            it.createInDataverse("products", Map.of("name", "Only in Sales", "productnumber", "ONLY-SALES",
                    "producttypecode", 1, "quantitydecimal", 0,
                    "defaultuomscheduleid@odata.bind", "/uomschedules(" + product.path("_defaultuomscheduleid_value")
                            .asText() + ")",
                    "defaultuomid@odata.bind", "/uoms(" + product.path("_defaultuomid_value").asText() + ")"));

            JobCounters pulled = it.incremental(worker, "ITEM-PRODUCT", "pull");

            assertEquals(1, pulled.modified(), pulled.toString());
            ObjectNode item = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "items").stream()
                    .filter(row -> row.path("number").asText().equals(number)).findFirst().orElseThrow();
            assertEquals("Renamed in Sales", item.path("displayName").asText());
            assertTrue(item.path("unitPrice").decimalValue().signum() > 0 && item.path("unitPrice").decimalValue()
                    .compareTo(java.math.BigDecimal.ONE) != 0, "the price goes one way, BC → Dataverse");
            assertTrue(it.emulators.bc().rows(DemoCompany.COMPANY_ID, "items").stream()
                    .noneMatch(row -> row.path("displayName").asText().equals("Only in Sales")),
                    "outside a full sync a new product waits (Synch. Only Coupled Records)");
        }
    }

    @Test
    void aProductCreatedInSalesBecomesAnItemOfItsCoupledUnitInAFullSync() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            Map.Entry<String, Coupling> unit = worker.store().couplings(SyncOverHttp.PROFILE, "UNIT OF MEASURE")
                    .entrySet().iterator().next();
            String productId = it.createInDataverse("products", Map.of("name", "Only in Sales",
                    "productnumber", "ONLY-SALES", "producttypecode", 1, "quantitydecimal", 0,
                    "defaultuomscheduleid@odata.bind", "/uomschedules(" + unit.getValue().crmId() + ")",
                    "defaultuomid@odata.bind", "/uoms(" + baseUnit(unit.getValue().crmId()) + ")"))
                    .path("productid").asText();
            String salesOnlyGroup = it.createInDataverse("uomschedules", Map.of("name", "Sales only",
                    "baseuomname", "box")).path("uomscheduleid").asText();
            String uncoupledUnit = it.createInDataverse("products", Map.of("name", "In a Sales-only unit group",
                    "productnumber", "BOXED", "producttypecode", 1, "quantitydecimal", 0,
                    "defaultuomscheduleid@odata.bind", "/uomschedules(" + salesOnlyGroup + ")",
                    "defaultuomid@odata.bind", "/uoms(" + baseUnit(salesOnlyGroup) + ")"))
                    .path("productid").asText();

            it.fullSync("-again");

            Coupling coupling = worker.store().couplings(SyncOverHttp.PROFILE, "ITEM-PRODUCT", List.of(productId), true)
                    .get(productId);
            assertNotNull(coupling, "the product is coupled with the item made of it");
            ObjectNode item = it.emulators.bc().row(DemoCompany.COMPANY_ID, "items", coupling.bcId());
            assertEquals("Only in Sales", item.path("displayName").asText());
            assertEquals(unit.getKey(), item.path("baseUnitOfMeasureId").asText(), "in the unit coupled with its group");
            assertEquals(item.path("number").asText(), it.emulators.dataverse().rows("products").stream()
                    .filter(row -> row.path("productid").asText().equals(productId)).findFirst().orElseThrow()
                    .path("productnumber").asText(), "the product takes the item's number");
            assertEquals(1, it.emulators.bc().rows(DemoCompany.COMPANY_ID, "items").stream()
                    .filter(row -> row.path("displayName").asText().equals("Only in Sales")).count(), "one item");
            assertTrue(it.emulators.bc().rows(DemoCompany.COMPANY_ID, "items").stream()
                    .noneMatch(row -> row.path("displayName").asText().equals("In a Sales-only unit group")));
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, "ITEM-PRODUCT",
                    Direction.FROM_INTEGRATION_TABLE).stream()
                    .filter(failed -> failed.sourceId().equals(uncoupledUnit)).findFirst().orElseThrow();
            assertEquals("BOXED", failure.sourceKey());
            assertTrue(failure.message().contains("must be coupled") && failure.message().contains("UNIT OF MEASURE"),
                    failure.message());
        }
    }

    @Test
    void aContactCreatedInSalesBecomesAPersonOfItsAccountsCompanyInAFullSync() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.createInDataverse("accounts", Map.of("name", "Opened in Sales", "customertypecode", 3, "statecode", 0));
            it.fullSync("");
            Map<String, Coupling> customers = worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER");
            ObjectNode relation = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "contactBusinessRelations").stream()
                    .filter(link -> link.path("linkToTable").asText().equals("Customer"))
                    .filter(link -> customers.containsKey(customerId(link.path("linkNumber").asText())))
                    .findFirst().orElseThrow();
            String account = customers.get(customerId(relation.path("linkNumber").asText())).crmId();
            String contactId = it.createInDataverse("contacts", Map.of("firstname", "Ada", "lastname", "Lovelace",
                    "emailaddress1", "ada@example.com", "jobtitle", "Buyer", "statecode", 0,
                    "parentcustomerid_account@odata.bind", "/accounts(" + account + ")")).path("contactid").asText();
            String newAccount = it.emulators.dataverse().rows("accounts").stream()
                    .filter(row -> row.path("name").asText().equals("Opened in Sales")).findFirst().orElseThrow()
                    .path("accountid").asText();
            String orphan = it.createInDataverse("contacts", Map.of("firstname", "Grace", "lastname", "Hopper",
                    "statecode", 0, "parentcustomerid_account@odata.bind", "/accounts(" + newAccount + ")"))
                    .path("contactid").asText();

            it.fullSync("-again");

            Coupling coupling = worker.store().couplings(SyncOverHttp.PROFILE, "CONTACT", List.of(contactId), true)
                    .get(contactId);
            assertNotNull(coupling, "the contact is coupled with the BC contact made of it");
            ObjectNode contact = it.emulators.bc().row(DemoCompany.COMPANY_ID, "contacts", coupling.bcId());
            assertEquals("Person", contact.path("type").asText());
            assertEquals("Ada Lovelace", contact.path("displayName").asText());
            assertEquals(relation.path("contactNumber").asText(), contact.path("companyNumber").asText(),
                    "a person of the company contact of the account's customer");
            assertEquals("ada@example.com", contact.path("email").asText());
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, "CONTACT",
                    Direction.FROM_INTEGRATION_TABLE).stream().filter(failed -> failed.sourceId().equals(orphan))
                    .findFirst().orElseThrow();
            assertTrue(failure.message().contains("has no company contact in Business Central"), failure.message());
            assertTrue(it.emulators.bc().rows(DemoCompany.COMPANY_ID, "contacts").stream()
                    .noneMatch(row -> row.path("displayName").asText().equals("Grace Hopper")));
        }
    }

    private String customerId(String number) {
        return it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                .filter(customer -> customer.path("number").asText().equals(number)).findFirst()
                .map(customer -> customer.path("id").asText()).orElse("");
    }

    /** The base unit Dataverse created with a unit group. */
    private String baseUnit(String scheduleId) {
        return it.emulators.dataverse().rows("uoms").stream()
                .filter(unit -> unit.path("_uomscheduleid_value").asText().equals(scheduleId))
                .findFirst().orElseThrow().path("uomid").asText();
    }

    @Test
    void anAccountCreatedInSalesBecomesOneCustomerInAFullSyncAndWaitsForACouplingOtherwise() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.createInDataverse("accounts", Map.of("name", "Opened in Sales", "telephone1", "+1 555 0123",
                    "customertypecode", 3, "statecode", 0));
            it.fullSync("");
            it.createInDataverse("accounts", Map.of("name", "Opened later", "customertypecode", 3, "statecode", 0));
            JobCounters incremental = it.incremental(worker, "CUSTOMER", "incremental");
            it.fullSync("-again");

            assertEquals(1, incremental.skipped(), "outside a full sync a new account waits (Synch. Only Coupled "
                    + "Records): " + incremental);
            List<ObjectNode> created = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .filter(row -> row.path("displayName").asText().startsWith("Opened")).toList();
            assertEquals(List.of("Opened in Sales", "Opened later"), created.stream()
                    .map(row -> row.path("displayName").asText()).sorted().toList(), "one customer each, no duplicate");
            ObjectNode customer = created.stream().filter(row -> row.path("displayName").asText()
                    .equals("Opened in Sales")).findFirst().orElseThrow();
            assertEquals("+1 555 0123", customer.path("phoneNumber").asText());
            assertEquals(" ", customer.path("blocked").asText());
            assertTrue(worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER")
                    .containsKey(customer.path("id").asText()), "coupled with its account");
        }
    }

    /**
     * BC assigns a new customer's id, so a create whose answer is lost leaves a customer nothing is coupled to: the
     * retried page must find it instead of creating a second one.
     */
    @Test
    void anAccountWhoseCreateWentUnansweredBecomesOneCustomer() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            it.createInDataverse("accounts", Map.of("name", "Unanswered one", "telephone1", "+1 555 0101",
                    "customertypecode", 3, "statecode", 0));
            it.createInDataverse("accounts", Map.of("name", "Unanswered two", "telephone1", "+1 555 0102",
                    "customertypecode", 3, "statecode", 0));
            // every write to BC is carried out and left unanswered; the sync before left nothing else to write
            it.emulators.bc().configureFaults(FaultSettings.NONE.withLostWrites(1));
            SyncResult sync = it.fullSync("-again");
            it.emulators.bc().configureFaults(FaultSettings.NONE);

            assertEquals(SyncStatus.FINISHED, sync.status(), sync.toString());
            assertTrue(it.emulators.bc().lostWrites() >= 2, "every create went unanswered");
            List<ObjectNode> created = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .filter(row -> row.path("displayName").asText().startsWith("Unanswered")).toList();
            assertEquals(List.of("+1 555 0101", "+1 555 0102"), created.stream()
                    .map(row -> row.path("phoneNumber").asText()).sorted().toList(), "one customer each: " + created);
            Map<String, Coupling> couplings = worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER");
            created.forEach(customer -> assertTrue(couplings.containsKey(customer.path("id").asText()),
                    customer.path("displayName").asText() + " is coupled with its account"));
            assertEquals(0, SyncOverHttp.line(sync, "CUSTOMER").counters().failed(), sync.toString());
        }
    }

    @Test
    void anUpdateWhoseAnswerWasLostIsNotRefusedForItsOwnChange() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            String number = localCurrencyCustomer();
            it.editInDataverse("accounts", account(number).path("accountid").asText(), Map.of("name", "Renamed unanswered"));
            // BC makes the update and its answer is lost; sent again, it meets its own change: 409, changed meanwhile
            it.emulators.bc().configureFaults(FaultSettings.NONE.withLostWrites(1, "customers("));
            JobCounters pushed = it.incremental(worker, "CUSTOMER", "unanswered");
            it.emulators.bc().configureFaults(FaultSettings.NONE);

            assertEquals(1, it.emulators.bc().lostWrites(), "the update went unanswered once");
            assertEquals(0, pushed.failed(), pushed.toString());
            assertEquals(1, pushed.modified(), pushed.toString());
            assertEquals("Renamed unanswered", customer(number).path("displayName").asText());
            JobCounters after = it.incremental(worker, "CUSTOMER", "after");
            assertEquals(0, after.modified() + after.inserted() + after.failed(), "nothing is left to write: " + after);
        }
    }

    @Test
    void aRecordChangedOnBothSidesFailsNamingTheFieldsUntilTheSidesAgree() {
        try (CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            String number = localCurrencyCustomer();
            String customerId = customer(number).path("id").asText();
            it.editInBusinessCentral("customers", customerId, Map.of("displayName", "Name from Business Central"));
            it.editInDataverse("accounts", account(number).path("accountid").asText(),
                    Map.of("name", "Name from Sales", "websiteurl", "https://sales.example"));

            JobCounters conflict = it.incremental(worker, "CUSTOMER", "conflict");

            assertEquals(2, conflict.failed(), "both directions refuse to overwrite the other side: " + conflict);
            assertEquals("Name from Business Central", customer(number).path("displayName").asText());
            assertEquals("Name from Sales", account(number).path("name").asText());
            String expected = "changed in both Business Central and Dataverse since the last synchronization, and "
                    + "these bidirectional fields differ: Display Name, Website. Make the two sides agree, or set "
                    + "Update-Conflict Resolution on the CUSTOMER mapping";
            for (Direction direction : List.of(Direction.TO_INTEGRATION_TABLE, Direction.FROM_INTEGRATION_TABLE)) {
                List<FailedRecord> failures = worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER", direction);
                assertEquals(1, failures.size(), direction.name());
                assertEquals(expected, failures.get(0).message(), direction.name());
            }

            it.editInBusinessCentral("customers", customerId, Map.of("displayName", "Name from Sales",
                    "website", "https://sales.example"));
            JobCounters agreed = it.incremental(worker, "CUSTOMER", "agreed");

            assertEquals(0, agreed.failed(), agreed.toString());
            assertEquals(1, agreed.modified(), agreed.toString());
            for (Direction direction : List.of(Direction.TO_INTEGRATION_TABLE, Direction.FROM_INTEGRATION_TABLE)) {
                assertTrue(worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER", direction).isEmpty(),
                        "no failure is left " + direction);
            }
        }
    }
}
