package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.crmsync.worker.SyncOverHttp.line;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.crmsync.activities.store.RecordError;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ResumeRequest;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full sync through the real workflows, activities and connectors, over HTTP to both emulators. */
class FullSyncOverHttpTest {

    private static final int CUSTOMERS = 300;

    @TempDir
    Path storeDir;

    private SyncOverHttp it;
    private Emulators emulators;

    @BeforeEach
    void start() {
        it = new SyncOverHttp(CUSTOMERS, storeDir);
        emulators = it.emulators;
    }

    @AfterEach
    void stop() {
        it.close();
    }

    private CrmSyncWorker worker(String dataverseSecret) {
        return it.worker(dataverseSecret);
    }

    private SyncResult fullSync(String runId) {
        return it.fullSync(runId);
    }

    /** Every unblocked item is one product, in the unit group of its base unit, with a non-negative stock. */
    private void assertProductsMirrorItems(long inserted) {
        List<ObjectNode> items = emulators.bc().rows(DemoCompany.COMPANY_ID, "items").stream()
                .filter(item -> !item.path("blocked").asBoolean()).toList();
        Map<String, List<ObjectNode>> products = emulators.dataverse().rows("products").stream()
                .collect(Collectors.groupingBy(product -> product.path("productnumber").asText()));
        Map<String, ObjectNode> schedules = emulators.dataverse().rows("uomschedules").stream()
                .collect(Collectors.toMap(s -> s.path("uomscheduleid").asText(), Function.identity()));
        Map<String, ObjectNode> units = emulators.dataverse().rows("uoms").stream()
                .collect(Collectors.toMap(u -> u.path("uomid").asText(), Function.identity()));
        assertEquals(items.size(), inserted);
        assertEquals(items.size(), products.size());
        for (ObjectNode item : items) {
            List<ObjectNode> same = products.get(item.path("number").asText());
            assertEquals(1, same.size(), "one product for item " + item.path("number"));
            ObjectNode product = same.get(0);
            assertEquals(item.path("displayName").asText(), product.path("name").asText());
            assertEquals(0, item.path("unitPrice").decimalValue().compareTo(product.path("price").decimalValue()));
            assertEquals(0, item.path("inventory").decimalValue().max(BigDecimal.ZERO)
                    .compareTo(product.path("quantityonhand").decimalValue()), "stock of " + item.path("number"));
            ObjectNode schedule = schedules.get(product.path("_defaultuomscheduleid_value").asText());
            assertEquals(item.path("baseUnitOfMeasureCode").asText(), schedule.path("baseuomname").asText());
            ObjectNode unit = units.get(product.path("_defaultuomid_value").asText());
            assertTrue(unit.path("isschedulebaseuom").asBoolean());
            assertEquals(schedule.path("uomscheduleid").asText(), unit.path("_uomscheduleid_value").asText());
        }
    }

    @Test
    void everyEligibleCustomerAndVendorBecomesOneAccountWithOwnerAndCurrencyThroughCouplings() {
        try (CrmSyncWorker ignored = worker(TokenService.DEMO_CLIENT_SECRET)) {
            SyncResult result = fullSync("");

            assertEquals(SyncStatus.FINISHED, result.status());
            List<ObjectNode> customers = it.unblocked("customers");
            Map<String, ObjectNode> accounts = it.accountsOfType(3);
            assertEquals(customers.size(), line(result, "CUSTOMER").counters().inserted());
            assertEquals(customers.size(), accounts.size());
            List<ObjectNode> vendors = it.unblocked("vendors");
            Map<String, ObjectNode> vendorAccounts = it.accountsOfType(11);
            assertEquals(vendors.size(), line(result, "VENDOR").counters().inserted());
            assertEquals(vendors.stream().map(vendor -> vendor.path("number").asText()).collect(Collectors.toSet()),
                    vendorAccounts.keySet());
            assertProductsMirrorItems(line(result, "ITEM-PRODUCT").counters().inserted());
            assertEquals(emulators.bc().rows(DemoCompany.COMPANY_ID, "unitsOfMeasure").stream()
                            .map(unit -> unit.path("code").asText()).collect(Collectors.toSet()),
                    emulators.dataverse().rows("uomschedules").stream()
                            .map(schedule -> schedule.path("baseuomname").asText()).collect(Collectors.toSet()));

            Map<String, String> currencyByCrmId = emulators.dataverse().rows("transactioncurrencies").stream()
                    .collect(Collectors.toMap(c -> c.path("transactioncurrencyid").asText(),
                            c -> c.path("isocurrencycode").asText()));
            Map<String, ObjectNode> salespeople = emulators.bc().rows(DemoCompany.COMPANY_ID, "salespeoplePurchasers")
                    .stream().collect(Collectors.toMap(s -> s.path("code").asText(), Function.identity()));
            Map<String, String> emailByUser = emulators.dataverse().rows("systemusers").stream()
                    .collect(Collectors.toMap(u -> u.path("systemuserid").asText(),
                            u -> u.path("internalemailaddress").asText().toLowerCase()));
            for (ObjectNode customer : customers) {
                ObjectNode account = accounts.get(customer.path("number").asText());
                assertEquals(customer.path("displayName").asText(), account.path("name").asText());
                String currency = customer.path("currencyCode").asText();
                assertEquals(currency.isEmpty() ? DemoCompany.LOCAL_CURRENCY : currency,
                        currencyByCrmId.get(account.path("_transactioncurrencyid_value").asText()));
                String code = customer.path("salespersonCode").asText();
                if (!code.isEmpty()) {
                    assertEquals(salespeople.get(code).path("email").asText().toLowerCase(),
                            emailByUser.get(account.path("_ownerid_value").asText()), "owner of " + customer.path("number"));
                }
            }
        }
    }

    @Test
    void personContactsBelongToTheAccountOfTheirCompanysCustomerOrFailSayingWhy() {
        // A person at a company that is no customer, and a Sales contact that belongs to no account.
        ObjectNode loner = it.createInBusinessCentral("contacts", Map.of("type", "Person", "displayName",
                "Ada Lovelace", "companyNumber", "CT-NONE", "email", "ada@example.com"));
        it.createInDataverse("contacts", Map.of("lastname", "Parentless", "statecode", 0));

        try (CrmSyncWorker worker = worker(TokenService.DEMO_CLIENT_SECRET)) {
            SyncResult result = fullSync("");

            Map<String, String> customerByCompany = new HashMap<>();
            emulators.bc().rows(DemoCompany.COMPANY_ID, "contactBusinessRelations").forEach(relation ->
                    customerByCompany.put(relation.path("contactNumber").asText(), relation.path("linkNumber").asText()));
            Map<String, ObjectNode> customers = emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .collect(Collectors.toMap(c -> c.path("number").asText(), Function.identity()));
            Map<String, String> accountIdByNumber = emulators.dataverse().rows("accounts").stream()
                    .collect(Collectors.toMap(a -> a.path("accountnumber").asText(), a -> a.path("accountid").asText()));
            Map<String, ObjectNode> crmContacts = emulators.dataverse().rows("contacts").stream()
                    .filter(c -> !c.path("emailaddress1").isNull())
                    .collect(Collectors.toMap(c -> c.path("emailaddress1").asText(), Function.identity()));
            List<ObjectNode> persons = emulators.bc().rows(DemoCompany.COMPANY_ID, "contacts").stream()
                    .filter(c -> c.path("type").asText().equals("Person")).toList();
            int synced = 0;
            for (ObjectNode person : persons) {
                String customerNumber = customerByCompany.get(person.path("companyNumber").asText());
                ObjectNode crm = crmContacts.get(person.path("email").asText());
                if (customerNumber == null || !customers.get(customerNumber).path("blocked").asText().isBlank()) {
                    assertTrue(crm == null, person.path("number").asText() + " has no account to belong to");
                    continue;
                }
                synced++;
                String[] name = person.path("displayName").asText().split(" ");
                assertEquals(name[name.length - 1], crm.path("lastname").asText());
                assertEquals(person.path("displayName").asText(), crm.path("fullname").asText());
                assertEquals(accountIdByNumber.get(customerNumber), crm.path("_parentcustomerid_value").asText(),
                        "contact " + person.path("number").asText() + " belongs to its customer's account");
            }
            ReviewLine contacts = line(result, "CONTACT");
            assertEquals(synced, contacts.counters().inserted());
            List<RecordError> errors = worker.store().errors("it", "CONTACT");
            assertEquals(persons.size() - synced, errors.size());
            assertTrue(errors.stream().anyMatch(error -> error.sourceKey().equals(loner.path("number").asText())
                    && error.message().equals("Company No. CT-NONE is neither a customer nor a vendor, so the contact "
                    + "has no account to belong to in Dataverse")), errors.toString());
            assertTrue(errors.stream().filter(error -> !error.sourceKey().equals(loner.path("number").asText()))
                    .allMatch(error -> error.message().matches("Customer C\\d+ of Company No\\. CT\\d+ must be coupled to "
                            + "a Dataverse account \\(synchronize or couple the CUSTOMER mapping first\\)")),
                    "the others are contacts of blocked customers: " + errors);
            assertEquals(0, contacts.counters().skipped(), "the Sales contact without an account is outside the "
                    + "mapping's filter, not even read");
        }
    }

    @Test
    void accountsThatExistAlreadyAreCoupledByNumberNotDuplicated(@TempDir Path otherStore) {
        try (SyncOverHttp overlapping = new SyncOverHttp(new DemoCompany.Options(CUSTOMERS, 7, 0.25), otherStore);
             CrmSyncWorker ignored = overlapping.worker(TokenService.DEMO_CLIENT_SECRET)) {
            Map<String, ObjectNode> existing = overlapping.emulators.dataverse().rows("accounts").stream()
                    .collect(Collectors.toMap(a -> a.path("accountnumber").asText(), Function.identity()));
            assertTrue(existing.size() > CUSTOMERS / 8, "the seed put some customers in Dataverse already");

            SyncResult result = overlapping.fullSync("");

            ReviewLine customers = line(result, "CUSTOMER");
            assertEquals(Recommendation.COUPLE_RECORDS, customers.recommendation(), "both sides hold data");
            Set<String> unblocked = overlapping.unblocked("customers").stream().map(c -> c.path("number").asText())
                    .collect(Collectors.toSet());
            long matchable = existing.keySet().stream().filter(unblocked::contains).count();
            assertEquals(matchable, customers.counters().coupled());
            assertEquals(unblocked.size() - matchable, customers.counters().inserted());
            Map<String, List<ObjectNode>> accounts = overlapping.emulators.dataverse().rows("accounts").stream()
                    .collect(Collectors.groupingBy(a -> a.path("accountnumber").asText()));
            accounts.forEach((number, same) -> assertEquals(1, same.size(), "one account numbered " + number));
            existing.forEach((number, before) -> {
                if (unblocked.contains(number)) {
                    assertEquals(before.path("accountid").asText(), accounts.get(number).get(0).path("accountid")
                            .asText(), "the account that was there is the one kept up to date");
                }
            });
        }
    }

    @Test
    void aSecondFullSyncFindsEverythingUnchanged() {
        try (CrmSyncWorker ignored = worker(TokenService.DEMO_CLIENT_SECRET)) {
            fullSync("");
            SyncResult again = fullSync("-again");

            ReviewLine customers = line(again, "CUSTOMER");
            assertEquals(0, customers.counters().inserted() + customers.counters().modified());
            assertEquals(line(again, "CUSTOMER").sourceRecords(), customers.counters().unchanged());
            assertEquals(0, line(again, "CURRENCY").counters().inserted());
            assertEquals(0, line(again, "SALESPEOPLE").counters().coupled());
        }
    }

    @Test
    void aCustomerWhoseSalespersonIsNotCoupledFailsWithItsNumberAndTheRestGoOn() {
        // Every fifth salesperson has no CRM user (DemoCompany), so SP005 cannot be coupled.
        ObjectNode customer = emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                .filter(c -> c.path("blocked").asText().isBlank()).findFirst().orElseThrow().deepCopy();
        customer.put("salespersonCode", "SP005");
        emulators.bc().seed(DemoCompany.COMPANY_ID, "customers", customer);

        try (CrmSyncWorker worker = worker(TokenService.DEMO_CLIENT_SECRET)) {
            SyncResult result = fullSync("");

            ReviewLine customers = line(result, "CUSTOMER");
            assertEquals(LineStatus.FINISHED, customers.status());
            assertEquals(1, customers.counters().failed());
            assertEquals(customers.sourceRecords() - 1, customers.counters().inserted());
            List<RecordError> errors = worker.store().errors("it", "CUSTOMER");
            assertEquals(1, errors.size());
            assertEquals(customer.path("number").asText(), errors.get(0).sourceKey());
            assertTrue(errors.get(0).message().contains("Salesperson Code SP005 must be coupled"), errors.get(0).message());
        }
    }

    @Test
    void aCurrencyWithoutExchangeRateFailsAndSoDoEveryCustomerAndVendorInIt() {
        ObjectNode rate = emulators.bc().rows(DemoCompany.COMPANY_ID, "currencyExchangeRates").get(0);
        String code = rate.path("currencyCode").asText();
        it.deleteInBusinessCentral("currencyExchangeRates", rate.path("id").asText());

        try (CrmSyncWorker worker = worker(TokenService.DEMO_CLIENT_SECRET)) {
            SyncResult result = fullSync("");

            List<RecordError> currencyErrors = worker.store().errors("it", "CURRENCY");
            assertEquals(List.of(code), currencyErrors.stream().map(RecordError::sourceKey).toList());
            assertTrue(currencyErrors.get(0).message().contains("no exchange rate"), currencyErrors.get(0).message());
            long inCurrency = it.unblocked("customers").stream()
                    .filter(customer -> customer.path("currencyCode").asText().equals(code)).count();
            assertTrue(inCurrency > 0, "the demo company has customers in " + code);
            List<RecordError> customerErrors = worker.store().errors("it", "CUSTOMER");
            assertEquals(inCurrency, customerErrors.size());
            assertEquals(inCurrency, line(result, "CUSTOMER").counters().failed());
            String expected = "Currency Code " + code + " must be coupled to a Dataverse record "
                    + "(synchronize or couple the CURRENCY mapping first)";
            assertTrue(customerErrors.stream().allMatch(error -> error.message().equals(expected)),
                    customerErrors.get(0).message());
        }
    }

    @Test
    void aWrongSecretStopsTheSyncNamingTheSettingToFixAndAResumeAfterTheFixGoesOn() throws InterruptedException {
        try (CrmSyncWorker ignored = worker("not-the-secret")) {
            FullSyncWorkflow sync = it.startFullSync("");
            SyncProgress stuck = sync.progress();
            for (int polls = 0; stuck.status() != SyncStatus.NEEDS_ATTENTION && polls < 300; polls++) {
                Thread.sleep(100);
                stuck = sync.progress();
            }
            assertEquals(SyncStatus.NEEDS_ATTENTION, stuck.status(), "the sync waits rather than failing");
            assertTrue(stuck.problem().contains("CRMSYNC_DATAVERSE_CLIENT_SECRET"), stuck.problem());
            assertTrue(stuck.problem().contains("invalid_client"), stuck.problem());

            // the administrator puts right what the message named: here, Dataverse accepts the secret the worker has
            emulators.dataverse().tokens().registerClient(TokenService.DEMO_CLIENT_ID, "not-the-secret");
            sync.resume(ResumeRequest.all());
            SyncResult result = WorkflowStub.fromTyped(sync).getResult(SyncResult.class);

            assertEquals(SyncStatus.FINISHED, result.status(), result.toString());
            assertTrue(line(result, "CUSTOMER").counters().inserted() > 0, result.toString());
        }
    }
}
