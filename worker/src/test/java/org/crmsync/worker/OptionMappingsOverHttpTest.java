package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option mappings over HTTP (bc-integration.md §2): BC's payment terms, shipment methods and shipping agents
 * become options of the account's choice columns, coupled with the option of the same label where Dataverse has
 * one; accounts carry the coupled options both ways, and an option or a code that is not coupled fails its record
 * with a message that says which mapping to synchronize.
 */
class OptionMappingsOverHttpTest {

    private static final String PAYMENT_TERMS = "paymenttermscode";
    private static final String SHIPPING_METHOD = "address1_shippingmethodcode";

    @Test
    void codesBecomeOptionsThatAccountsCarryBothWays(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(60, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET);
             DataverseClient dataverse = new DataverseClient(SyncOverHttp.PROFILE,
                     it.profile(TokenService.DEMO_CLIENT_SECRET).dataverse())) {
            Map<Integer, String> agentsBefore = dataverse.options("account", SHIPPING_METHOD);
            Map<Integer, String> termsBefore = dataverse.options("account", PAYMENT_TERMS);

            SyncResult result = it.fullSync("");

            assertEquals(Recommendation.COUPLE_RECORDS, SyncOverHttp.line(result, "SHIPPING AGENT").recommendation());
            // DHL, FEDEX and UPS are Dataverse's DHL, FedEx and UPS, which take BC's spelling; only OWN LOG. is new
            Map<Integer, String> agents = dataverse.options("account", SHIPPING_METHOD);
            assertEquals(agentsBefore.size() + 1, agents.size());
            List<String> relabelled = new ArrayList<>(agents.values());
            relabelled.removeAll(agentsBefore.values());
            assertEquals(List.of("FEDEX", "OWN LOG."), relabelled);
            assertCoupledByLabel(it, worker, dataverse, "SHIPPING AGENT", "shippingAgents", SHIPPING_METHOD);
            assertCoupledByLabel(it, worker, dataverse, "SHIPMENT METHOD", "shipmentMethods", "address1_freighttermscode");
            assertCoupledByLabel(it, worker, dataverse, "PAYMENT TERMS", "paymentTerms", PAYMENT_TERMS);
            assertEquals(termsBefore.size() + 4, dataverse.options("account", PAYMENT_TERMS).size(),
                    "none of BC's four payment terms had a Dataverse label");

            Map<String, Coupling> terms = worker.store().couplings(SyncOverHttp.PROFILE, "PAYMENT TERMS");
            Map<String, Coupling> methods = worker.store().couplings(SyncOverHttp.PROFILE, "SHIPMENT METHOD");
            Map<String, ObjectNode> accounts = it.accountsOfType(3);
            int withTerms = 0;
            for (ObjectNode customer : it.unblocked("customers")) {
                ObjectNode account = accounts.get(customer.path("number").asText());
                assertEquals(optionOf(terms, customer.path("paymentTermsId").asText()), text(account.get(PAYMENT_TERMS)));
                assertEquals(optionOf(methods, customer.path("shipmentMethodId").asText()),
                        text(account.get("address1_freighttermscode")));
                withTerms += account.hasNonNull(PAYMENT_TERMS) ? 1 : 0;
            }
            assertTrue(withTerms > 10, "the demo company gives most customers payment terms");
            assertEquals(0, it.incremental(worker, "PAYMENT TERMS", "again").modified(), "nothing changed");

            // a renamed code relabels its option
            ObjectNode currentMonth = bcRow(it, "paymentTerms", "CM");
            it.editInBusinessCentral("paymentTerms", currentMonth.path("id").asText(), Map.of("code", "CUR MONTH"));
            assertEquals(1, it.incremental(worker, "PAYMENT TERMS", "renamed").modified());
            int currentMonthOption = Integer.parseInt(terms.get(currentMonth.path("id").asText()).crmId());
            assertEquals("CUR MONTH", dataverse.options("account", PAYMENT_TERMS).get(currentMonthOption));

            // an account given another coupled option gives its customer that BC record
            ObjectNode fourteenDays = bcRow(it, "paymentTerms", "14 DAYS");
            int fourteenDaysOption = Integer.parseInt(terms.get(fourteenDays.path("id").asText()).crmId());
            List<ObjectNode> customers = it.unblocked("customers").stream()
                    .filter(c -> !c.path("paymentTermsId").asText().equals(fourteenDays.path("id").asText())).toList();
            ObjectNode moved = customers.get(0);
            it.editInDataverse("accounts", accounts.get(moved.path("number").asText()).path("accountid").asText(),
                    Map.of(PAYMENT_TERMS, fourteenDaysOption));
            // and one given an option no BC record is coupled with fails, naming the mapping
            int net60 = termsBefore.entrySet().stream().filter(e -> e.getValue().equals("Net 60")).findFirst()
                    .orElseThrow().getKey();
            ObjectNode stranded = customers.get(1);
            it.editInDataverse("accounts", accounts.get(stranded.path("number").asText()).path("accountid").asText(),
                    Map.of(PAYMENT_TERMS, net60));

            JobCounters fromCrm = it.incremental(worker, "CUSTOMER", "from-crm");

            assertEquals(1, fromCrm.failed(), fromCrm.toString());
            assertEquals(fourteenDays.path("id").asText(), bcRow(it, "customers", moved.path("number").asText())
                    .path("paymentTermsId").asText());
            assertEquals(stranded.path("paymentTermsId").asText(), bcRow(it, "customers",
                    stranded.path("number").asText()).path("paymentTermsId").asText(), "the stranded customer kept its own");
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.FROM_INTEGRATION_TABLE).get(0);
            assertEquals("The Dataverse option " + net60 + " of paymenttermscode must be coupled to a Business Central "
                    + "record for Payment Terms (synchronize or couple the PAYMENT TERMS mapping first)", failure.message());
        }
    }

    @Test
    void aCustomerWhosePaymentTermsAreNotCoupledFailsSayingWhichMappingToSync(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(60, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            ObjectNode eightDays = bcRow(it, "paymentTerms", "1M(8D)");
            worker.store().uncouple(SyncOverHttp.PROFILE, "PAYMENT TERMS", List.of(eightDays.path("id").asText()));
            ObjectNode customer = it.unblocked("customers").stream()
                    .filter(c -> c.path("paymentTermsId").asText().equals(eightDays.path("id").asText()))
                    .findFirst().orElseThrow();
            it.editInBusinessCentral("customers", customer.path("id").asText(), Map.of("phoneNumber", "555-0199"));

            JobCounters counters = it.incremental(worker, "CUSTOMER", "uncoupled-terms");

            assertEquals(1, counters.failed(), counters.toString());
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER",
                    Direction.TO_INTEGRATION_TABLE).get(0);
            assertEquals(customer.path("number").asText(), failure.sourceKey());
            assertEquals("Payment Terms 1M(8D) must be coupled to a Dataverse option (synchronize or couple the "
                    + "PAYMENT TERMS mapping first)", failure.message());
        }
    }

    /** Every BC record of the mapping is coupled with the one option labelled with its code, regardless of case. */
    private static void assertCoupledByLabel(SyncOverHttp it, CrmSyncWorker worker, DataverseClient dataverse,
                                             String mapping, String bcSet, String column) {
        Map<Integer, String> options = dataverse.options("account", column);
        Map<String, Coupling> couplings = worker.store().couplings(SyncOverHttp.PROFILE, mapping);
        List<ObjectNode> records = it.emulators.bc().rows(DemoCompany.COMPANY_ID, bcSet);
        assertEquals(records.size(), couplings.size(), mapping);
        for (ObjectNode record : records) {
            Coupling coupling = couplings.get(record.path("id").asText());
            assertNotNull(coupling, mapping + " " + record.path("code").asText());
            assertEquals(record.path("code").asText().toLowerCase(Locale.ROOT),
                    options.get(Integer.parseInt(coupling.crmId())).toLowerCase(Locale.ROOT));
        }
        assertEquals(couplings.size(), options.values().stream().map(label -> label.toLowerCase(Locale.ROOT))
                .filter(label -> records.stream().anyMatch(r -> r.path("code").asText().equalsIgnoreCase(label)))
                .collect(Collectors.toSet()).size(), mapping + ": no label twice");
    }

    private static ObjectNode bcRow(SyncOverHttp it, String entitySet, String key) {
        String keyField = entitySet.equals("customers") ? "number" : "code";
        return it.emulators.bc().rows(DemoCompany.COMPANY_ID, entitySet).stream()
                .filter(row -> row.path(keyField).asText().equals(key)).findFirst().orElseThrow();
    }

    /** The option a BC id refers to through the couplings, as Dataverse holds it; null for none. */
    private static String optionOf(Map<String, Coupling> couplings, String bcId) {
        return bcId.equals(FieldMapping.Lookup.EMPTY_ID) ? null : couplings.get(bcId).crmId();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
