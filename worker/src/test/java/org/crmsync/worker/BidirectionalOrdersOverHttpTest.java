package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.MappingOptions;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.setup.SalesOrderIntegration;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bidirectional sales orders over HTTP (bc-integration.md §2): an order submitted in Sales becomes a BC order with
 * its lines, for the coupled customer and items, and gets BC's number back; lines changed or added in Sales then
 * reach the BC order, and BC's later changes update that order's lines in Sales rather than adding others; an order
 * whose lines BC cannot take fails with the line's reason; a line whose create in BC went unanswered is not sent twice.
 */
class BidirectionalOrdersOverHttpTest {

    private static final String MAPPING = "SALESORDER-ORDER";
    private static final int SUBMITTED = 1;

    @Test
    void anOrderSubmittedInSalesBecomesABusinessCentralOrderWithItsLinesAndTheirChangesComeBack(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(200, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            Coupled coupled = fullSyncWithBidirectionalOrders(it, worker);
            Coupling customer = coupled.customer();
            List<Coupling> items = coupled.items();

            String orderId = submittedOrder(it, "SO-CRM-1", customer.crmId());
            String first = line(it, orderId, Map.of("productid@odata.bind", "/products(" + items.get(0).crmId() + ")",
                    "quantity", 4, "priceperunit", 12.5, "sequencenumber", 1));
            String second = line(it, orderId, Map.of("productid@odata.bind", "/products(" + items.get(1).crmId() + ")",
                    "quantity", 2, "sequencenumber", 2));
            String writeIn = submittedOrder(it, "SO-CRM-2", customer.crmId());
            line(it, writeIn, Map.of("isproductoverridden", true, "productdescription", "Gift wrapping", "quantity", 1));

            JobCounters created = fromSales(it, "submitted");

            assertEquals(1, created.inserted(), created.toString());
            assertEquals(1, created.failed(), created.toString());
            Coupling coupling = worker.store().couplings(SyncOverHttp.PROFILE, MAPPING, List.of(orderId), true).get(orderId);
            assertNotNull(coupling, "the submitted order is coupled with the BC order made of it");
            ObjectNode bcOrder = SyncOverHttp.byKey(it.bcRows("salesOrders"), "id").get(coupling.bcId());
            assertEquals(customer.bcId(), bcOrder.path("customerId").asText(), "for the coupled customer");
            assertEquals("SO-CRM-1", bcOrder.path("externalDocumentNumber").asText(), "Sales' number as BC's reference");
            Map<String, ObjectNode> bcLines = SyncOverHttp.byKey(bcLinesOf(it, coupling.bcId()), "sequence");
            assertEquals(2, bcLines.size());
            assertEquals(items.get(0).bcId(), bcLines.get("10000").path("itemId").asText());
            assertEquals(0, new BigDecimal("12.5").compareTo(bcLines.get("10000").path("unitPrice").decimalValue()));
            assertEquals(items.get(1).bcId(), bcLines.get("20000").path("itemId").asText());
            assertTrue(!bcLines.get("20000").path("unitOfMeasureCode").asText().isEmpty(), "BC gave the line its unit");

            ObjectNode crmOrder = crmOrder(it, orderId);
            assertEquals(bcOrder.path("number").asText(), crmOrder.path("businesscentralordernumber").asText(),
                    "BC's number comes back to Sales");
            assertEquals(10000, crmLine(it, first).path("businesscentrallinenumber").asInt());
            assertEquals(20000, crmLine(it, second).path("businesscentrallinenumber").asInt());

            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, MAPPING, Direction.FROM_INTEGRATION_TABLE)
                    .stream().filter(f -> f.sourceId().equals(writeIn)).findFirst().orElseThrow();
            assertEquals("SO-CRM-2", failure.sourceKey());
            assertTrue(failure.message().contains("write-in product \"Gift wrapping\""), failure.message());
            assertTrue(it.bcRows("salesOrders").stream()
                    .noneMatch(order -> order.path("externalDocumentNumber").asText().equals("SO-CRM-2")),
                    "an order is not in BC without its lines");

            // had the line numbers never come back (a failure just after BC created the order), the lines still
            // pair with those BC made of them, by their order in Sales, rather than being sent again
            Map<String, Object> noNumber = new HashMap<>();
            noNumber.put("businesscentrallinenumber", null);
            it.editInDataverse("salesorderdetails", second, noNumber);
            noNumber.put("quantity", 5);
            it.editInDataverse("salesorderdetails", first, noNumber);
            JobCounters recovered = it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, MAPPING,
                    Direction.FROM_INTEGRATION_TABLE, "numbers-lost", false, false));
            assertEquals(1, recovered.modified(), recovered.toString());
            bcLines = SyncOverHttp.byKey(bcLinesOf(it, coupling.bcId()), "sequence");
            assertEquals(2, bcLines.size(), "no line sent twice");
            assertEquals(0, new BigDecimal(5).compareTo(bcLines.get("10000").path("quantity").decimalValue()));
            assertEquals(10000, crmLine(it, first).path("businesscentrallinenumber").asInt());
            assertEquals(20000, crmLine(it, second).path("businesscentrallinenumber").asInt());

            // lines changed and added in Sales reach the BC order: the change of a line is a change of its order
            it.editInDataverse("salesorderdetails", first, Map.of("quantity", 6));
            String third = line(it, orderId, Map.of("productid@odata.bind", "/products(" + items.get(2).crmId() + ")",
                    "quantity", 1, "priceperunit", 3, "sequencenumber", 3));
            JobCounters edited = it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, MAPPING,
                    Direction.FROM_INTEGRATION_TABLE, "edited-in-sales", false, false));
            assertEquals(1, edited.modified(), edited.toString());
            bcLines = SyncOverHttp.byKey(bcLinesOf(it, coupling.bcId()), "sequence");
            assertEquals(3, bcLines.size(), "the line added in Sales is added in BC, none twice");
            assertEquals(0, new BigDecimal(6).compareTo(bcLines.get("10000").path("quantity").decimalValue()));
            assertEquals(items.get(2).bcId(), bcLines.get("30000").path("itemId").asText());
            assertEquals(30000, crmLine(it, third).path("businesscentrallinenumber").asInt());

            // released and changed in BC, the order updates the lines it came with in Sales
            it.editInBusinessCentral("salesOrderLines", bcLines.get("20000").path("id").asText(), Map.of("quantity", 9));
            it.editInBusinessCentral("salesOrders", coupling.bcId(), Map.of("status", "Released"));
            JobCounters back = it.incremental(worker, MAPPING, "released");
            assertTrue(back.modified() > 0, back.toString());
            List<ObjectNode> crmLines = crmLinesOf(it, orderId);
            assertEquals(3, crmLines.size(), "the same three lines, not three more");
            assertEquals(0, new BigDecimal(9).compareTo(new BigDecimal(crmLine(it, second).path("quantity").asText())));

            JobCounters again = fromSales(it, "again");
            assertEquals(0, again.inserted(), again.toString());
            assertEquals(1, it.bcRows("salesOrders").stream()
                    .filter(order -> order.path("externalDocumentNumber").asText().equals("SO-CRM-1")).count(),
                    "a second run does not create the order twice");
        }
    }

    @Test
    void aLineAddedInSalesWhoseCreateWentUnansweredIsAddedToTheBusinessCentralOrderOnce(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(200, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            Coupled coupled = fullSyncWithBidirectionalOrders(it, worker);
            Coupling customer = coupled.customer();
            List<Coupling> items = coupled.items();
            String orderId = submittedOrder(it, "SO-CRM-3", customer.crmId());
            line(it, orderId, Map.of("productid@odata.bind", "/products(" + items.get(0).crmId() + ")",
                    "quantity", 1, "sequencenumber", 1));
            fromSales(it, "submitted");
            String bcOrderId = worker.store().couplings(SyncOverHttp.PROFILE, MAPPING, List.of(orderId), true)
                    .get(orderId).bcId();

            String added = line(it, orderId, Map.of("productid@odata.bind", "/products(" + items.get(1).crmId() + ")",
                    "quantity", 7, "sequencenumber", 2));
            // BC makes each line it is sent, and every answer about a line is lost
            it.emulators.bc().configureFaults(FaultSettings.NONE.withLostWrites(1, "salesOrderLines"));
            JobCounters edited = it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, MAPPING,
                    Direction.FROM_INTEGRATION_TABLE, "line-unanswered", false, false));
            it.emulators.bc().configureFaults(FaultSettings.NONE);

            assertTrue(it.emulators.bc().lostWrites() >= 1, "the new line's create went unanswered");
            assertEquals(0, edited.failed(), edited.toString());
            Map<String, ObjectNode> bcLines = SyncOverHttp.byKey(bcLinesOf(it, bcOrderId), "sequence");
            assertEquals(List.of("10000", "20000"), bcLines.keySet().stream().sorted().toList(),
                    "the line was added once: " + bcLines.values());
            assertEquals(items.get(1).bcId(), bcLines.get("20000").path("itemId").asText());
            assertEquals(20000, crmLine(it, added).path("businesscentrallinenumber").asInt());

            // a line BC refuses keeps no number, as BC never used it
            it.deleteInBusinessCentral("items", items.get(2).bcId());
            String refused = line(it, orderId, Map.of("productid@odata.bind", "/products(" + items.get(2).crmId() + ")",
                    "quantity", 1, "priceperunit", 3, "sequencenumber", 3));
            JobCounters failed = it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, MAPPING,
                    Direction.FROM_INTEGRATION_TABLE, "line-refused", false, false));
            assertEquals(1, failed.failed(), failed.toString());
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, MAPPING,
                    Direction.FROM_INTEGRATION_TABLE).get(0);
            assertEquals("SO-CRM-3", failure.sourceKey());
            assertTrue(failure.message().startsWith("line 30000: The field itemId of salesOrderLine"), failure.message());
            assertTrue(crmLine(it, refused).path("businesscentrallinenumber").isNull(), crmLine(it, refused).toString());
            assertEquals(2, bcLinesOf(it, bcOrderId).size());
        }
    }

    /** A customer and the items, coupled by a full sync with bidirectional orders. */
    private record Coupled(Coupling customer, List<Coupling> items) {
    }

    private static Coupled fullSyncWithBidirectionalOrders(SyncOverHttp it, CrmSyncWorker worker) {
        worker.store().resetMappings(SyncOverHttp.PROFILE, new MappingOptions(SalesOrderIntegration.BIDIRECTIONAL, null));
        it.fullSync("");
        return new Coupled(worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").values().iterator().next(),
                List.copyOf(worker.store().couplings(SyncOverHttp.PROFILE, "ITEM-PRODUCT").values()));
    }

    private static String submittedOrder(SyncOverHttp it, String number, String accountId) {
        return it.createInDataverse("salesorders", Map.of("name", "Order " + number, "ordernumber", number,
                "customerid_account@odata.bind", "/accounts(" + accountId + ")", "statecode", SUBMITTED))
                .path("salesorderid").asText();
    }

    private static String line(SyncOverHttp it, String orderId, Map<String, Object> fields) {
        Map<String, Object> row = new HashMap<>(fields);
        row.put("salesorderid@odata.bind", "/salesorders(" + orderId + ")");
        return it.createInDataverse("salesorderdetails", row).path("salesorderdetailid").asText();
    }

    /** Submitted orders not in BC yet are created there by a full sync of the mapping, as BC's do (§5). */
    private static JobCounters fromSales(SyncOverHttp it, String jobId) {
        return it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, MAPPING, Direction.FROM_INTEGRATION_TABLE,
                jobId, true, false));
    }

    private static ObjectNode crmOrder(SyncOverHttp it, String id) {
        return SyncOverHttp.byKey(it.emulators.dataverse().rows("salesorders"), "salesorderid").get(id);
    }

    private static ObjectNode crmLine(SyncOverHttp it, String id) {
        return SyncOverHttp.byKey(it.emulators.dataverse().rows("salesorderdetails"), "salesorderdetailid").get(id);
    }

    private static List<ObjectNode> crmLinesOf(SyncOverHttp it, String orderId) {
        return it.emulators.dataverse().rows("salesorderdetails").stream()
                .filter(line -> line.path("_salesorderid_value").asText().equals(orderId)).toList();
    }

    private static List<ObjectNode> bcLinesOf(SyncOverHttp it, String orderId) {
        return it.bcRows("salesOrderLines").stream()
                .filter(line -> line.path("documentId").asText().equals(orderId)).toList();
    }
}
