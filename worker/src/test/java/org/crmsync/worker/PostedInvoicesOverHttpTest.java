package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSTEDSALESINV-INV over HTTP (bc-integration.md §2): posted sales invoices become Dataverse invoices of the
 * coupled account, and each of their lines an invoice line for the coupled product in its group's base unit;
 * writing a header again adds only the lines that are missing, never one twice.
 */
class PostedInvoicesOverHttpTest {

    private static final String MAPPING = "POSTEDSALESINV-INV";

    @Test
    void postedInvoicesArriveWithEachOfTheirLinesOnceAndAMissingLineIsAddedAgain(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(400, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");

            Map<String, Coupling> invoices = worker.store().couplings(SyncOverHttp.PROFILE, MAPPING);
            Map<String, Coupling> customers = worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER");
            Map<String, Coupling> items = worker.store().couplings(SyncOverHttp.PROFILE, "ITEM-PRODUCT");
            Map<String, ObjectNode> crmInvoices = SyncOverHttp.byKey(it.emulators.dataverse().rows("invoices"), "invoiceid");
            Map<String, List<ObjectNode>> bcLines = it.bcRows("salesInvoiceLines").stream()
                    .collect(Collectors.groupingBy(line -> line.path("documentId").asText()));
            Map<String, FailedRecord> failed = worker.store().failures(SyncOverHttp.PROFILE, MAPPING,
                    Direction.TO_INTEGRATION_TABLE).stream().collect(Collectors.toMap(FailedRecord::sourceId, f -> f));
            int checked = 0;
            for (ObjectNode invoice : it.bcRows("salesInvoices")) {
                Coupling coupling = invoices.get(invoice.path("id").asText());
                if (coupling == null) {
                    FailedRecord failure = failed.get(invoice.path("id").asText());
                    assertNotNull(failure, "a posted invoice is coupled or failed: " + invoice.path("number").asText());
                    assertTrue(failure.message().contains("must be coupled"), failure.message());
                    continue;
                }
                ObjectNode row = crmInvoices.get(coupling.crmId());
                assertEquals(invoice.path("number").asText(), row.path("invoicenumber").asText());
                assertEquals(customers.get(invoice.path("customerId").asText()).crmId(),
                        row.path("_customerid_value").asText());
                List<ObjectNode> lines = bcLines.get(invoice.path("id").asText());
                Map<String, ObjectNode> crmLines = SyncOverHttp.byKey(linesOf(it, coupling.crmId()), "sequencenumber");
                assertEquals(lines.size(), crmLines.size(), "each line once");
                for (ObjectNode line : lines) {
                    ObjectNode crmLine = crmLines.get(line.path("sequence").asText());
                    assertEquals(items.get(line.path("itemId").asText()).crmId(), crmLine.path("_productid_value").asText());
                    assertEquals(0, line.path("quantity").decimalValue().compareTo(decimal(crmLine, "quantity")));
                    assertEquals(0, line.path("unitPrice").decimalValue().compareTo(decimal(crmLine, "priceperunit")));
                    assertTrue(!crmLine.path("_uomid_value").asText().isEmpty(), "a line has its unit");
                }
                checked++;
            }
            assertTrue(checked > 5, "checked " + checked);

            // written again, a header adds no line twice, and the line deleted in Dataverse comes back
            int linesBefore = it.emulators.dataverse().rows("invoicedetails").size();
            Map.Entry<String, Coupling> pair = invoices.entrySet().iterator().next();
            ObjectNode gone = linesOf(it, pair.getValue().crmId()).get(0);
            it.deleteInDataverse("invoicedetails", gone.path("invoicedetailid").asText());
            it.editInBusinessCentral("salesInvoices", pair.getKey(), Map.of("dueDate", "2027-01-31"));
            JobCounters again = it.incremental(worker, MAPPING, "again");
            assertEquals(1, again.modified(), again.toString());
            assertEquals(linesBefore, it.emulators.dataverse().rows("invoicedetails").size(),
                    "the deleted line is back, and no line is there twice");
            assertTrue(linesOf(it, pair.getValue().crmId()).stream()
                    .anyMatch(line -> line.path("invoicedetailid").asText().equals(gone.path("invoicedetailid").asText())));
        }
    }

    private static List<ObjectNode> linesOf(SyncOverHttp it, String invoiceId) {
        return it.emulators.dataverse().rows("invoicedetails").stream()
                .filter(line -> line.path("_invoiceid_value").asText().equals(invoiceId)).toList();
    }

    private static BigDecimal decimal(ObjectNode row, String column) {
        return new BigDecimal(row.path(column).asText());
    }
}
