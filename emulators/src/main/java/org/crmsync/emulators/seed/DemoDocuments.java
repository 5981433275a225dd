package org.crmsync.emulators.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.crmsync.emulators.bc.BusinessCentralEmulator;
import org.crmsync.emulators.odata.JsonBodies;

/**
 * The demo company's catalog and documents, in proportion to its customers: units of measure, items (some
 * blocked) with the opening entries of their inventory, customer price groups and price lists with lines, opportunities, open sales orders and posted
 * sales invoices with their lines.
 */
final class DemoDocuments {

    private static final String[][] UNITS = {{"PCS", "Piece", "EA"}, {"BOX", "Box", "BX"}, {"HOUR", "Hour", "HUR"},
        {"KG", "Kilogram", "KGM"}, {"SET", "Set", "SET"}};
    private static final String[] PRODUCTS = {"Bicycle", "Desk", "Chair", "Lamp", "Monitor", "Cabinet", "Printer",
        "Headset", "Projector", "Whiteboard", "Café table", "Sofa \"Lounge\"", "Shelf 1/2\"", "Drill 18V"};
    private static final String[] STATUSES = {"Not Started", "In Progress", "In Progress", "Won", "Lost"};

    private final BusinessCentralEmulator bc;
    private final SeedRandom random;
    private final DemoCompany.Options options;
    private final DemoOrganization crm;
    private final BcSeedBuffer bcRows;
    private final List<ObjectNode> units = new ArrayList<>();
    private final List<ObjectNode> items = new ArrayList<>();
    private int ledgerEntries;

    /** @param bc where the documents' customers and contacts are read; {@code bcRows} takes what is seeded */
    DemoDocuments(BusinessCentralEmulator bc, BcSeedBuffer bcRows, SeedRandom random, DemoCompany.Options options,
                  DemoOrganization crm) {
        this.bc = bc;
        this.bcRows = bcRows;
        this.random = random;
        this.options = options;
        this.crm = crm;
    }

    /**
     * @param currencies   "id|code" of the foreign currencies
     * @param sellingCodes salespeople with a CRM user
     * @param customers    ids of the seeded customers
     * @param people       ids of the seeded person contacts
     */
    void seed(List<String> currencies, List<String> sellingCodes, List<String> customers, List<String> people) {
        seedUnitsAndItems();
        seedPrices(currencies);
        seedOpportunities(sellingCodes, people);
        int orders = Math.max(2, options.customers() / 20);
        for (int i = 1; i <= orders; i++) {
            seedDocument("salesOrders", "salesOrderLines", "SO" + String.format(Locale.ROOT, "%07d", i),
                    any("customers", customers));
        }
        int invoices = Math.max(2, options.customers() / 40);
        for (int i = 1; i <= invoices; i++) {
            seedDocument("salesInvoices", "salesInvoiceLines", "PS-INV" + String.format(Locale.ROOT, "%07d", i),
                    any("customers", customers));
        }
    }

    private ObjectNode any(String set, List<String> ids) {
        return bc.row(DemoCompany.COMPANY_ID, set, ids.get(random.nextInt(ids.size())));
    }

    private void seedUnitsAndItems() {
        for (String[] unit : UNITS) {
            ObjectNode row = row();
            row.put("code", unit[0]);
            row.put("displayName", unit[1]);
            row.put("internationalStandardCode", unit[2]);
            row.put("symbol", "");
            row.put("lastModifiedDateTime", random.stamp());
            seed("unitsOfMeasure", row);
            units.add(row);
        }
        int count = Math.max(20, options.customers() / 50);
        for (int i = 1; i <= count; i++) {
            ObjectNode unit = units.get(i % 7 == 0 ? 2 : random.nextInt(2));
            ObjectNode item = row();
            item.put("number", String.format(Locale.ROOT, "%06d", 1000 + i));
            item.put("displayName", random.pick(PRODUCTS) + " " + random.pick(SeedRandom.LAST) + " " + i);
            item.put("displayName2", "");
            item.put("type", i % 7 == 0 ? "Service" : "Inventory");
            item.put("itemCategoryId", DemoCompany.EMPTY_GUID);
            item.put("itemCategoryCode", "");
            item.put("blocked", i % 40 == 0);
            item.put("gtin", "");
            item.put("inventory", i % 7 == 0 ? 0 : random.nextInt(500) - 20);
            BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(200_000), 2);
            item.put("unitPrice", price);
            item.put("priceIncludesTax", false);
            item.put("unitCost", price.multiply(BigDecimal.valueOf(0.6)).setScale(2, RoundingMode.HALF_UP));
            item.put("taxGroupId", DemoCompany.EMPTY_GUID);
            item.put("taxGroupCode", "");
            item.put("baseUnitOfMeasureId", unit.get("id").asText());
            item.put("baseUnitOfMeasureCode", unit.get("code").asText());
            item.put("generalProductPostingGroupCode", i % 7 == 0 ? "SERVICES" : "RETAIL");
            item.put("inventoryPostingGroupCode", i % 7 == 0 ? "" : "RESALE");
            item.put("lastModifiedDateTime", random.stamp());
            seed("items", item);
            items.add(item);
            openingEntry(item);
            if (options.overlap() > 0 && random.chance(options.overlap())) {
                crm.existingProduct(item);
            }
        }
    }

    /**
     * The ledger entry an item's inventory starts from, as a migration's opening balance posts it. Its id derives
     * from the item, not from the seed's random stream, so that the rest of the company is seeded as before.
     */
    private void openingEntry(ObjectNode item) {
        int quantity = item.get("inventory").asInt();
        if (quantity == 0) {
            return;
        }
        ObjectNode entry = JsonBodies.MAPPER.createObjectNode();
        entry.put("id", UUID.nameUUIDFromBytes(("opening " + item.get("id").asText()).getBytes(StandardCharsets.UTF_8))
                .toString());
        entry.put("entryNumber", ++ledgerEntries);
        entry.put("itemNumber", item.get("number").asText());
        entry.put("postingDate", "2025-12-31");
        entry.put("entryType", quantity > 0 ? "Positive_x0020_Adjmt_x002E_" : "Negative_x0020_Adjmt_x002E_");
        entry.put("documentNumber", "START");
        entry.put("description", "Opening balance");
        entry.put("quantity", quantity);
        entry.put("lastModifiedDateTime", item.get("lastModifiedDateTime").asText());
        seed("itemLedgerEntries", entry);
    }

    /** Price groups, a general sales price list with every item, and a list per foreign currency with some. */
    private void seedPrices(List<String> currencies) {
        for (String group : List.of("RETAIL", "WHOLESALE", "EXPORT")) {
            ObjectNode row = row();
            row.put("code", group);
            row.put("description", group.charAt(0) + group.substring(1).toLowerCase(Locale.ROOT) + " customers");
            row.put("priceIncludesVAT", false);
            row.put("allowInvoiceDisc", true);
            row.put("allowLineDisc", !group.equals("EXPORT"));
            row.put("lastModifiedDateTime", random.stamp());
            seed("customerPriceGroups", row);
        }
        priceList("S00001", "Sales prices", "", items, BigDecimal.ONE);
        int n = 2;
        for (String currency : currencies) {
            String code = currency.split("\\|")[1];
            List<ObjectNode> some = items.stream().filter(item -> random.chance(0.1)).toList();
            priceList(String.format(Locale.ROOT, "S%05d", n++), "Sales prices in " + code, code, some,
                    BigDecimal.valueOf(90 + random.nextInt(20), 2));
        }
    }

    private void priceList(String code, String description, String currency, List<ObjectNode> listed, BigDecimal factor) {
        ObjectNode header = row();
        header.put("code", code);
        header.put("description", description);
        header.put("sourceType", "All Customers");
        header.put("sourceNo", "");
        header.put("currencyCode", currency);
        header.put("startingDate", "2026-01-01");
        header.put("endingDate", "");
        header.put("status", "Active");
        header.put("priceType", "Sale");
        header.put("amountType", "Price");
        header.put("lastModifiedDateTime", random.stamp());
        seed("priceListHeaders", header);
        int lineNo = 0;
        for (ObjectNode item : listed) {
            ObjectNode line = row();
            line.put("priceListCode", code);
            line.put("lineNo", lineNo += 10000);
            line.put("assetType", "Item");
            line.put("assetNo", item.get("number").asText());
            line.put("unitOfMeasureCode", item.get("baseUnitOfMeasureCode").asText());
            line.put("minimumQuantity", 0);
            line.put("unitPrice", item.get("unitPrice").decimalValue().multiply(factor).setScale(2, RoundingMode.HALF_UP));
            line.put("currencyCode", currency);
            line.put("startingDate", "2026-01-01");
            line.put("endingDate", "");
            line.put("status", "Active");
            line.put("lastModifiedDateTime", header.get("lastModifiedDateTime").asText());
            seed("priceListLines", line);
        }
    }

    private void seedOpportunities(List<String> sellingCodes, List<String> people) {
        int count = people.isEmpty() ? 0 : Math.max(2, options.customers() / 20);
        for (int i = 1; i <= count; i++) {
            ObjectNode contact = any("contacts", people);
            String status = random.pick(STATUSES);
            ObjectNode row = row();
            row.put("number", String.format(Locale.ROOT, "OP%06d", i));
            row.put("contactNumber", contact.get("number").asText());
            row.put("contactName", contact.get("displayName").asText());
            row.put("contactCompanyName", contact.get("companyName").asText());
            row.put("salespersonCode", sellingCodes.get(random.nextInt(sellingCodes.size())));
            row.put("description", "Opportunity for " + random.pick(PRODUCTS).toLowerCase(Locale.ROOT) + "s");
            row.put("status", status);
            row.put("closed", status.equals("Won") || status.equals("Lost"));
            row.put("creationDate", random.date());
            row.put("dateClosed", "");
            row.put("calculatedCurrentValue", 0);
            row.put("chancesOfSuccessPrc", random.nextInt(100));
            row.put("completedPrc", random.nextInt(100));
            row.put("estimatedClosingDate", random.date());
            row.put("estimatedValue", BigDecimal.valueOf(1000 + random.nextInt(100_000)));
            row.put("lastModifiedDateTime", random.stamp());
            seed("opportunities", row);
        }
    }

    private void seedDocument(String set, String linesSet, String number, ObjectNode customer) {
        ObjectNode header = row();
        header.put("number", number);
        header.put("externalDocumentNumber", "");
        header.put("postingDate", random.date());
        header.put("customerId", customer.get("id").asText());
        header.put("customerNumber", customer.get("number").asText());
        header.put("customerName", customer.get("displayName").asText());
        header.put("billToCustomerId", customer.get("id").asText());
        header.put("billToCustomerNumber", customer.get("number").asText());
        header.put("billToName", customer.get("displayName").asText());
        header.put("sellToAddressLine1", customer.get("addressLine1").asText());
        header.put("sellToCity", customer.get("city").asText());
        header.put("sellToCountry", customer.get("country").asText());
        header.put("sellToPostCode", customer.get("postalCode").asText());
        header.put("shipToName", customer.get("displayName").asText());
        header.put("shipToAddressLine1", customer.get("addressLine1").asText());
        header.put("shipToCity", customer.get("city").asText());
        header.put("shipToCountry", customer.get("country").asText());
        header.put("shipToPostCode", customer.get("postalCode").asText());
        header.put("currencyId", customer.get("currencyId").asText());
        header.put("currencyCode", customer.get("currencyCode").asText());
        header.put("pricesIncludeTax", false);
        header.put("paymentTermsId", customer.get("paymentTermsId").asText());
        header.put("shipmentMethodId", customer.get("shipmentMethodId").asText());
        header.put("salesperson", customer.get("salespersonCode").asText());
        header.put("discountAmount", 0);
        if (set.equals("salesOrders")) {
            header.put("orderDate", header.get("postingDate").asText());
            header.put("requestedDeliveryDate", random.date());
            header.put("fullyShipped", false);
            header.put("status", random.chance(0.7) ? "Released" : "Open");
        } else {
            header.put("invoiceDate", header.get("postingDate").asText());
            header.put("dueDate", random.date());
            header.put("orderId", DemoCompany.EMPTY_GUID);
            header.put("orderNumber", "");
            header.put("status", random.chance(0.5) ? "Paid" : "Open");
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        int lines = 1 + random.nextInt(4);
        for (int sequence = 1; sequence <= lines; sequence++) {
            ObjectNode item = items.get(random.nextInt(items.size()));
            BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(20));
            BigDecimal amount = quantity.multiply(item.get("unitPrice").decimalValue());
            BigDecimal lineTax = amount.multiply(BigDecimal.valueOf(25)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            ObjectNode line = row();
            line.put("documentId", header.get("id").asText());
            line.put("sequence", sequence * 10000);
            line.put("itemId", item.get("id").asText());
            line.put("accountId", DemoCompany.EMPTY_GUID);
            line.put("lineType", "Item");
            line.put("lineObjectNumber", item.get("number").asText());
            line.put("description", item.get("displayName").asText());
            line.put("unitOfMeasureId", item.get("baseUnitOfMeasureId").asText());
            line.put("unitOfMeasureCode", item.get("baseUnitOfMeasureCode").asText());
            line.put("quantity", quantity);
            line.put("unitPrice", item.get("unitPrice").decimalValue());
            line.put("discountAmount", 0);
            line.put("discountPercent", 0);
            line.put("amountExcludingTax", amount);
            line.put("taxCode", "VAT25");
            line.put("taxPercent", 25);
            line.put("totalTaxAmount", lineTax);
            line.put("amountIncludingTax", amount.add(lineTax));
            line.put("netAmount", amount);
            line.put("shipmentDate", header.get("postingDate").asText());
            BigDecimal done = set.equals("salesOrders") ? BigDecimal.ZERO : quantity;
            line.put("shippedQuantity", done);
            line.put("invoicedQuantity", done);
            line.put("shipQuantity", quantity.subtract(done));
            line.put("invoiceQuantity", quantity.subtract(done));
            seed(linesSet, line);
            net = net.add(amount);
            tax = tax.add(lineTax);
        }
        header.put("totalAmountExcludingTax", net);
        header.put("totalTaxAmount", tax);
        header.put("totalAmountIncludingTax", net.add(tax));
        header.put("lastModifiedDateTime", random.stamp());
        seed(set, header);
    }

    private ObjectNode row() {
        ObjectNode row = JsonBodies.MAPPER.createObjectNode();
        row.put("id", random.uuid());
        return row;
    }

    private void seed(String set, ObjectNode row) {
        bcRows.add(set, row);
    }
}
