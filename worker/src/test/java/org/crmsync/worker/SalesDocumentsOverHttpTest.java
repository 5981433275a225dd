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
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSTEDSALESINV-INV and SALESORDER-ORDER over HTTP (bc-integration.md §2): posted sales invoices and released
 * orders become Dataverse invoices and orders of the coupled account, and each of their lines a line for the
 * coupled product in its group's base unit; writing a header again writes its lines as BC has them now, never one
 * twice.
 */
class SalesDocumentsOverHttpTest {

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
                    assertTrue(crmInvoices.values().stream().noneMatch(row -> row.path("invoicenumber").asText()
                            .equals(invoice.path("number").asText())), "a failed invoice is not in Sales without its lines");
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

    @Test
    void linesWhoseWriteWentUnansweredAreWrittenByTheRetryNotRefused(@TempDir Path store) throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(400, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            // Dataverse makes the first invoice lines it is sent and the answer is lost; then it recovers. New lines
            // name their invoice, which only a create may: the same request sent again would be refused.
            it.emulators.dataverse().configureFaults(FaultSettings.NONE.withLostWrites(1, "invoicedetails"));
            Thread recovery = new Thread(() -> {
                while (it.emulators.dataverse().lostWrites() == 0) {
                    Thread.onSpinWait();
                }
                it.emulators.dataverse().configureFaults(FaultSettings.NONE);
            });
            recovery.start();
            it.fullSync("");
            recovery.join();

            assertTrue(it.emulators.dataverse().lostWrites() >= 1);
            List<FailedRecord> failures = worker.store().failures(SyncOverHttp.PROFILE, MAPPING,
                    Direction.TO_INTEGRATION_TABLE);
            assertTrue(failures.stream().allMatch(failure -> failure.message().contains("must be coupled")),
                    "only the invoices of uncoupled customers fail: " + failures);
            Map<String, List<ObjectNode>> bcLines = it.bcRows("salesInvoiceLines").stream()
                    .collect(Collectors.groupingBy(line -> line.path("documentId").asText()));
            worker.store().couplings(SyncOverHttp.PROFILE, MAPPING).forEach((bcId, coupling) ->
                    assertEquals(bcLines.get(bcId).size(), linesOf(it, coupling.crmId()).size(), "each line once"));
        }
    }

    @Test
    void anOrderChangedInBusinessCentralHasItsLinesUpdatedAddedAndDeleted(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(400, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            it.fullSync("");
            Map<String, Coupling> orders = worker.store().couplings(SyncOverHttp.PROFILE, "SALESORDER-ORDER");
            Map<String, List<ObjectNode>> linesByOrder = it.bcRows("salesOrderLines").stream()
                    .collect(Collectors.groupingBy(l -> l.path("documentId").asText()));
            ObjectNode order = it.bcRows("salesOrders").stream().filter(o -> orders.containsKey(o.path("id").asText())
                    && linesByOrder.get(o.path("id").asText()).size() > 1).findFirst().orElseThrow();
            assertTrue(it.bcRows("salesOrders").stream().filter(o -> !o.path("status").asText().equals("Released"))
                    .noneMatch(o -> orders.containsKey(o.path("id").asText())), "only released orders go to Sales");
            String orderId = orders.get(order.path("id").asText()).crmId();
            List<ObjectNode> lines = linesByOrder.get(order.path("id").asText());
            assertEquals(lines.size(), orderLines(it, orderId).size());

            ObjectNode changed = lines.get(0);
            it.editInBusinessCentral("salesOrderLines", changed.path("id").asText(), Map.of("quantity", 77));
            ObjectNode item = it.bcRows("items").stream().filter(i -> !i.path("blocked").asBoolean()).findFirst().orElseThrow();
            it.createInBusinessCentral("salesOrderLines", Map.of("documentId", order.path("id").asText(),
                    "sequence", 990000, "lineType", "Item", "itemId", item.path("id").asText(),
                    "unitOfMeasureId", item.path("baseUnitOfMeasureId").asText(), "quantity", 3,
                    "unitPrice", 10));
            it.deleteInBusinessCentral("salesOrderLines", lines.get(lines.size() - 1).path("id").asText());
            // lines carry no stamp of their own: the change reaches Sales with the order's next change
            it.editInBusinessCentral("salesOrders", order.path("id").asText(), Map.of("requestedDeliveryDate", "2027-02-01"));
            JobCounters counters = it.incremental(worker, "SALESORDER-ORDER", "changed");

            assertEquals(1, counters.modified(), counters.toString());
            Map<String, ObjectNode> now = SyncOverHttp.byKey(orderLines(it, orderId), "sequencenumber");
            assertEquals(lines.size(), now.size(), "one line added, one deleted");
            assertTrue(!now.containsKey(lines.get(lines.size() - 1).path("sequence").asText()), "the deleted one is gone");
            assertEquals(0, new BigDecimal(77).compareTo(decimal(now.get(changed.path("sequence").asText()), "quantity")));
            assertEquals(0, new BigDecimal(3).compareTo(decimal(now.get("990000"), "quantity")));
        }
    }

    private static List<ObjectNode> linesOf(SyncOverHttp it, String invoiceId) {
        return it.emulators.dataverse().rows("invoicedetails").stream()
                .filter(line -> line.path("_invoiceid_value").asText().equals(invoiceId)).toList();
    }

    private static List<ObjectNode> orderLines(SyncOverHttp it, String orderId) {
        return it.emulators.dataverse().rows("salesorderdetails").stream()
                .filter(line -> line.path("_salesorderid_value").asText().equals(orderId)).toList();
    }

    private static BigDecimal decimal(ObjectNode row, String column) {
        return new BigDecimal(row.path(column).asText());
    }
}
