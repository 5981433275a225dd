package org.crmsync.emulators.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.crmsync.emulators.bc.BcSchema.BcTable;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.ODataException;

/**
 * What Business Central does around sales documents: line amounts and header totals, a line's change
 * stamped on its header (lines have no modification stamp, so incremental readers see the header change),
 * lines deleted with their document, posting an order into an invoice, and posting items into their ledger.
 */
final class Documents {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BusinessCentralEmulator service;
    private final Map<String, BcTable> tables;
    private final Journal journal;

    Documents(BusinessCentralEmulator service, Map<String, BcTable> tables, Journal journal) {
        this.service = service;
        this.tables = tables;
        this.journal = journal;
    }

    /** Recomputes amounts after {@code row} of {@code table} was written. */
    void afterWrite(BcTable table, ObjectNode row) {
        if (table.lines() != null) {
            recompute(table, row.get("id").asText(), false);
        } else if (table.header() != null) {
            computeLine(row);
            journal.put(table.rows(), row);
            recompute(tables.get(table.header()), row.get("documentId").asText(), true);
        }
    }

    /** Deletes a row; a document takes its lines along, a line updates its document. */
    void delete(BcTable table, ObjectNode row) {
        String id = row.get("id").asText();
        if (table.lines() != null) {
            for (ObjectNode line : tables.get(table.lines()).rows().withIndexed(id)) {
                journal.remove(tables.get(table.lines()).rows(), line.get("id").asText());
            }
        }
        journal.remove(table.rows(), id);
        if (table.header() != null) {
            recompute(tables.get(table.header()), row.get("documentId").asText(), true);
        }
    }

    /** {@code Microsoft.NAV.shipAndInvoice}: the order becomes a posted invoice with the same lines, and is gone. */
    void shipAndInvoice(ObjectNode order) {
        BcTable invoices = tables.get("salesInvoices");
        BcTable invoiceLines = tables.get("salesInvoiceLines");
        ObjectNode invoice = order.deepCopy();
        invoice.remove("@version");
        invoice.put("id", UUID.randomUUID().toString());
        invoice.put("number", "PS-INV" + order.path("number").asText());
        invoice.put("orderId", order.get("id").asText());
        invoice.put("orderNumber", order.path("number").asText());
        invoice.put("invoiceDate", order.path("postingDate").asText(null));
        invoice.put("status", "Open");
        invoice.remove("orderDate");
        invoice.remove("requestedDeliveryDate");
        invoice.remove("fullyShipped");
        service.stamp(invoices, invoice);
        journal.put(invoices.rows(), invoice);
        BcTable orderLines = tables.get("salesOrderLines");
        for (ObjectNode line : orderLines.rows().withIndexed(order.get("id").asText())) {
            ObjectNode invoiceLine = line.deepCopy();
            invoiceLine.put("id", UUID.randomUUID().toString());
            invoiceLine.put("documentId", invoice.get("id").asText());
            invoiceLine.put("shippedQuantity", line.path("quantity").decimalValue());
            invoiceLine.put("invoicedQuantity", line.path("quantity").decimalValue());
            service.stamp(invoiceLines, invoiceLine);
            journal.put(invoiceLines.rows(), invoiceLine);
        }
        for (ObjectNode line : orderLines.rows().withIndexed(order.get("id").asText())) {
            if (line.path("lineType").asText().equals("Item")) {
                post(line.path("lineObjectNumber").asText(), line.path("quantity").decimalValue().negate(), "Sale",
                        invoice.get("number").asText());
            }
        }
        delete(tables.get("salesOrders"), order);
    }

    /**
     * Posts an item journal line a user entered ({@code itemNumber}, {@code quantity}, optionally
     * {@code entryType} and {@code documentNumber}). Returns the ledger entry.
     */
    ObjectNode postItemJournalLine(ObjectNode fields) {
        String itemNumber = fields.path("itemNumber").asText("");
        JsonNode quantity = fields.get("quantity");
        if (quantity == null || !quantity.isNumber() || quantity.decimalValue().signum() == 0) {
            throw new ODataException(400, "BadRequest", "Quantity must be a number other than 0.");
        }
        String entryType = fields.path("entryType").asText(quantity.decimalValue().signum() > 0
                ? "Positive_x0020_Adjmt_x002E_" : "Negative_x0020_Adjmt_x002E_");
        return post(itemNumber, quantity.decimalValue(), entryType, fields.path("documentNumber").asText(""));
    }

    /**
     * An item ledger entry with the next entry number. The item's inventory is the sum of its entries; the item
     * itself is not modified, so its lastModifiedDateTime and ETag stay as they were.
     */
    private ObjectNode post(String itemNumber, BigDecimal quantity, String entryType, String documentNumber) {
        BcTable items = tables.get("items");
        ObjectNode item = items.rows().withIndexed(itemNumber).stream().findFirst().orElseThrow(() ->
                new ODataException(400, "Internal_RecordNotFound", "The Item does not exist. Identification fields "
                        + "and values: No.='" + itemNumber + "'"));
        BcTable ledger = tables.get(BcSchema.ITEM_LEDGER_ENTRIES);
        ObjectNode entry = item.objectNode();
        entry.put("id", UUID.randomUUID().toString());
        entry.put("entryNumber", ledger.rows().size() + 1);
        entry.put("itemNumber", item.get("number").asText());
        entry.put("postingDate", service.today());
        entry.put("entryType", entryType);
        entry.put("documentNumber", documentNumber);
        entry.put("description", item.path("displayName").asText(""));
        entry.put("quantity", quantity);
        service.stamp(ledger, entry);
        journal.put(ledger.rows(), entry);
        item.put("inventory", decimal(item, "inventory").add(quantity));
        journal.put(items.rows(), item);
        return entry;
    }

    private static void computeLine(ObjectNode line) {
        BigDecimal gross = decimal(line, "quantity").multiply(decimal(line, "unitPrice"));
        BigDecimal discount = decimal(line, "discountAmount");
        if (discount.signum() == 0 && decimal(line, "discountPercent").signum() != 0) {
            discount = gross.multiply(decimal(line, "discountPercent")).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        }
        BigDecimal net = gross.subtract(discount).setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = net.multiply(decimal(line, "taxPercent")).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        line.put("amountExcludingTax", net);
        line.put("netAmount", net);
        line.put("totalTaxAmount", tax);
        line.put("amountIncludingTax", net.add(tax));
    }

    private void recompute(BcTable headers, String headerId, boolean stampHeader) {
        ObjectNode header = headers.rows().get(headerId);
        if (header == null) {
            return;
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (ObjectNode line : tables.get(headers.lines()).rows().withIndexed(headerId)) {
            net = net.add(decimal(line, "amountExcludingTax"));
            tax = tax.add(decimal(line, "totalTaxAmount"));
        }
        net = net.subtract(decimal(header, "discountAmount"));
        header.put("totalAmountExcludingTax", net);
        header.put("totalTaxAmount", tax);
        header.put("totalAmountIncludingTax", net.add(tax));
        if (stampHeader) {
            service.stamp(headers, header);
        }
        journal.put(headers.rows(), header);
    }

    private static BigDecimal decimal(ObjectNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || !value.isNumber() ? BigDecimal.ZERO : value.decimalValue();
    }
}
