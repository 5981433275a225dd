package org.crmsync.emulators.bc;

import static org.crmsync.emulators.odata.Column.of;
import static org.crmsync.emulators.odata.Column.string;
import static org.crmsync.emulators.odata.ColumnType.BOOLEAN;
import static org.crmsync.emulators.odata.ColumnType.DATE;
import static org.crmsync.emulators.odata.ColumnType.DATE_TIME;
import static org.crmsync.emulators.odata.ColumnType.DECIMAL;
import static org.crmsync.emulators.odata.ColumnType.GUID;
import static org.crmsync.emulators.odata.ColumnType.INTEGER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.EntityTable;

/**
 * The entity sets of one emulated Business Central company, with the fields of apis.md B2: the standard
 * API v2.0, and the custom API page {@code crmsync/integration/v1.0} for what v2.0 lacks (customer price
 * groups, price lists, contact business relations, shipping agents).
 */
final class BcSchema {

    static final String STANDARD_API = "v2.0";
    static final String CUSTOM_API = "crmsync/integration/v1.0";
    /** Read through the API only: BC writes ledger entries when it posts a document or a journal. */
    static final String ITEM_LEDGER_ENTRIES = "itemLedgerEntries";

    /**
     * A GUID field with its code companion, such as {@code currencyId}/{@code currencyCode}: either may be
     * written, the other is filled in, and both must name an existing row.
     */
    record Reference(String idColumn, String codeColumn, String targetSet, String targetCodeColumn) {
    }

    /**
     * An entity set of a company.
     *
     * @param api       which API serves it
     * @param lines     for a document header, the entity set of its lines
     * @param header    for document lines, the entity set of their header
     */
    record BcTable(EntityTable rows, String api, List<Reference> references, String lines, String header) {

        String name() {
            return rows.entitySet();
        }
    }

    private BcSchema() {
    }

    static Map<String, BcTable> createCompanyTables() {
        Map<String, BcTable> tables = new LinkedHashMap<>();
        List<Column> address = List.of(string("addressLine1", 100), string("addressLine2", 50), string("city", 30),
                string("state", 30), string("country", 10), string("postalCode", 20));
        Reference currency = new Reference("currencyId", "currencyCode", "currencies", "code");
        add(tables, "customers", "number", List.of(
                string("number", 20),
                string("displayName", 100),
                string("type", 20),
                address,
                string("phoneNumber", 30),
                string("email", 80),
                string("website", 80),
                string("salespersonCode", 20),
                of("balanceDue", DECIMAL).asReadOnly(),
                of("creditLimit", DECIMAL),
                of("taxLiable", BOOLEAN),
                of("taxAreaId", GUID),
                string("taxRegistrationNumber", 20),
                of("currencyId", GUID),
                string("currencyCode", 10),
                of("paymentTermsId", GUID),
                of("shipmentMethodId", GUID),
                of("paymentMethodId", GUID),
                string("blocked", 20).blankAs(" ")), List.of(currency,
                new Reference("paymentTermsId", null, "paymentTerms", null),
                new Reference("shipmentMethodId", null, "shipmentMethods", null)));
        add(tables, "vendors", "number", List.of(
                string("number", 20),
                string("displayName", 100),
                address,
                string("phoneNumber", 30),
                string("email", 80),
                string("website", 80),
                string("purchaserCode", 20),
                string("taxRegistrationNumber", 20),
                of("currencyId", GUID),
                string("currencyCode", 10),
                of("paymentTermsId", GUID),
                of("paymentMethodId", GUID),
                of("taxLiable", BOOLEAN),
                string("blocked", 20).blankAs(" "),
                of("balance", DECIMAL).asReadOnly()), List.of(currency,
                new Reference("paymentTermsId", null, "paymentTerms", null)));
        add(tables, "contacts", "number", List.of(
                string("number", 20),
                string("type", 20),
                string("displayName", 100),
                string("jobTitle", 30),
                string("companyNumber", 20),
                string("companyName", 100),
                string("contactBusinessRelation", 30),
                address,
                string("phoneNumber", 30),
                string("mobilePhoneNumber", 30),
                string("email", 80),
                string("website", 80),
                string("searchName", 100),
                of("privacyBlocked", BOOLEAN),
                string("taxRegistrationNumber", 20),
                of("lastInteractionDate", DATE)), List.of());
        add(tables, "salespeoplePurchasers", "code", List.of(
                string("code", 20),
                string("displayName", 50),
                string("email", 80),
                string("email2", 80),
                string("phoneNo", 30),
                string("jobTitle", 30),
                of("commisionPercent", DECIMAL),
                of("privacyBlocked", BOOLEAN),
                of("blocked", BOOLEAN)), List.of());
        add(tables, "currencies", "code", List.of(
                string("code", 10),
                string("displayName", 30),
                string("symbol", 10),
                string("amountDecimalPlaces", 5),
                of("amountRoundingPrecision", DECIMAL)), List.of());
        add(tables, "currencyExchangeRates", "currencyCode", List.of(
                string("currencyCode", 10),
                of("startingDate", DATE),
                of("exchangeRateAmount", DECIMAL),
                string("relationalCurrencyCode", 10),
                of("relationalExchangeRateAmount", DECIMAL)), List.of());
        add(tables, "paymentTerms", "code", List.of(
                string("code", 10),
                string("displayName", 50),
                string("dueDateCalculation", 10),
                string("discountDateCalculation", 10),
                of("discountPercent", DECIMAL),
                of("calculateDiscountOnCreditMemos", BOOLEAN)), List.of());
        add(tables, "shipmentMethods", "code", List.of(
                string("code", 10),
                string("displayName", 50)), List.of());
        add(tables, "unitsOfMeasure", "code", List.of(
                string("code", 10),
                string("displayName", 50),
                string("internationalStandardCode", 10),
                string("symbol", 10)), List.of());
        add(tables, "items", "number", List.of(
                string("number", 20),
                string("displayName", 100),
                string("displayName2", 50),
                string("type", 20),
                of("itemCategoryId", GUID),
                string("itemCategoryCode", 20),
                of("blocked", BOOLEAN),
                string("gtin", 14),
                of("inventory", DECIMAL).asReadOnly(),
                of("unitPrice", DECIMAL),
                of("priceIncludesTax", BOOLEAN),
                of("unitCost", DECIMAL),
                of("taxGroupId", GUID),
                string("taxGroupCode", 20),
                of("baseUnitOfMeasureId", GUID),
                string("baseUnitOfMeasureCode", 10),
                string("generalProductPostingGroupCode", 20),
                string("inventoryPostingGroupCode", 20)), List.of(
                new Reference("baseUnitOfMeasureId", "baseUnitOfMeasureCode", "unitsOfMeasure", "code")));
        // What posting writes; an item's inventory is their sum, and the item itself is not modified.
        add(tables, ITEM_LEDGER_ENTRIES, "itemNumber", List.of(
                of("entryNumber", INTEGER).asReadOnly(),
                string("itemNumber", 20),
                of("postingDate", DATE),
                string("entryType", 40),
                string("documentNumber", 20),
                string("description", 100),
                of("quantity", DECIMAL)), List.of());
        add(tables, "employees", "number", List.of(
                string("number", 20),
                string("displayName", 100),
                string("givenName", 30),
                string("middleName", 30),
                string("surname", 30),
                string("jobTitle", 30),
                address,
                string("phoneNumber", 30),
                string("mobilePhone", 30),
                string("email", 80),
                string("personalEmail", 80),
                of("employmentDate", DATE),
                of("terminationDate", DATE),
                string("status", 20),
                of("birthDate", DATE)), List.of());
        add(tables, "opportunities", "number", List.of(
                string("number", 20),
                string("contactNumber", 20),
                string("contactName", 100),
                string("contactCompanyName", 100),
                string("salespersonCode", 20),
                string("description", 100),
                string("status", 20),
                of("closed", BOOLEAN),
                of("creationDate", DATE),
                of("dateClosed", DATE),
                of("calculatedCurrentValue", DECIMAL),
                of("chancesOfSuccessPrc", DECIMAL),
                of("completedPrc", DECIMAL),
                of("estimatedClosingDate", DATE),
                of("estimatedValue", DECIMAL)), List.of());
        addDocument(tables, "salesOrders", "salesOrderLines", List.of(
                of("orderDate", DATE),
                of("requestedDeliveryDate", DATE),
                of("fullyShipped", BOOLEAN).asReadOnly()));
        addDocument(tables, "salesInvoices", "salesInvoiceLines", List.of(
                of("invoiceDate", DATE),
                of("dueDate", DATE),
                of("orderId", GUID),
                string("orderNumber", 20)));
        // The custom API page: what BC's integration reads and the standard API does not expose.
        addCustom(tables, "customerPriceGroups", "code", List.of(
                string("code", 10),
                string("description", 100),
                of("priceIncludesVAT", BOOLEAN),
                of("allowInvoiceDisc", BOOLEAN),
                of("allowLineDisc", BOOLEAN)));
        addCustom(tables, "priceListHeaders", "code", List.of(
                string("code", 20),
                string("description", 250),
                string("sourceType", 30),
                string("sourceNo", 20),
                string("currencyCode", 10),
                of("startingDate", DATE),
                of("endingDate", DATE),
                string("status", 20),
                string("priceType", 20),
                string("amountType", 20)));
        addCustom(tables, "priceListLines", "priceListCode", List.of(
                string("priceListCode", 20),
                of("lineNo", INTEGER),
                string("assetType", 20),
                string("assetNo", 20),
                string("unitOfMeasureCode", 10),
                of("minimumQuantity", DECIMAL),
                of("unitPrice", DECIMAL),
                string("currencyCode", 10),
                of("startingDate", DATE),
                of("endingDate", DATE),
                string("status", 20)));
        addCustom(tables, "contactBusinessRelations", "linkNumber", List.of(
                string("contactNumber", 20),
                string("linkToTable", 20),
                string("linkNumber", 20)));
        addCustom(tables, "shippingAgents", "code", List.of(
                string("code", 10),
                string("name", 50),
                string("internetAddress", 250),
                string("accountNo", 30)));
        return tables;
    }

    /** A header and its lines; lines have no modification stamp of their own (apis.md B2). */
    private static void addDocument(Map<String, BcTable> tables, String set, String linesSet, List<Column> extra) {
        List<Object> header = new ArrayList<>(List.of(
                string("number", 20),
                string("externalDocumentNumber", 35),
                of("postingDate", DATE),
                of("customerId", GUID),
                string("customerNumber", 20),
                string("customerName", 100),
                of("billToCustomerId", GUID),
                string("billToCustomerNumber", 20),
                string("billToName", 100),
                string("sellToAddressLine1", 100),
                string("sellToCity", 30),
                string("sellToCountry", 10),
                string("sellToPostCode", 20),
                string("shipToName", 100),
                string("shipToAddressLine1", 100),
                string("shipToCity", 30),
                string("shipToCountry", 10),
                string("shipToPostCode", 20),
                of("currencyId", GUID),
                string("currencyCode", 10),
                of("pricesIncludeTax", BOOLEAN),
                of("paymentTermsId", GUID),
                of("shipmentMethodId", GUID),
                string("salesperson", 20),
                of("discountAmount", DECIMAL),
                of("totalAmountExcludingTax", DECIMAL).asReadOnly(),
                of("totalTaxAmount", DECIMAL).asReadOnly(),
                of("totalAmountIncludingTax", DECIMAL).asReadOnly(),
                string("status", 20)));
        header.addAll(extra);
        List<Reference> references = List.of(
                new Reference("customerId", "customerNumber", "customers", "number"),
                new Reference("currencyId", "currencyCode", "currencies", "code"));
        tables.put(set, new BcTable(table(set, "number", header, true), STANDARD_API, references, linesSet, null));
        List<Object> lines = List.of(
                of("documentId", GUID),
                of("sequence", INTEGER),
                of("itemId", GUID),
                of("accountId", GUID),
                string("lineType", 20),
                string("lineObjectNumber", 20),
                string("description", 100),
                of("unitOfMeasureId", GUID),
                string("unitOfMeasureCode", 10),
                of("quantity", DECIMAL),
                of("unitPrice", DECIMAL),
                of("discountAmount", DECIMAL),
                of("discountPercent", DECIMAL),
                of("amountExcludingTax", DECIMAL).asReadOnly(),
                string("taxCode", 20),
                of("taxPercent", DECIMAL),
                of("totalTaxAmount", DECIMAL).asReadOnly(),
                of("amountIncludingTax", DECIMAL).asReadOnly(),
                of("netAmount", DECIMAL).asReadOnly(),
                of("shipmentDate", DATE),
                of("shippedQuantity", DECIMAL).asReadOnly(),
                of("invoicedQuantity", DECIMAL).asReadOnly(),
                of("shipQuantity", DECIMAL),
                of("invoiceQuantity", DECIMAL));
        tables.put(linesSet, new BcTable(table(linesSet, "documentId", lines, false), STANDARD_API, List.of(
                new Reference("itemId", "lineObjectNumber", "items", "number"),
                new Reference("unitOfMeasureId", "unitOfMeasureCode", "unitsOfMeasure", "code")), null, set));
    }

    private static void add(Map<String, BcTable> tables, String set, String indexColumn, List<Object> columns,
                            List<Reference> references) {
        tables.put(set, new BcTable(table(set, indexColumn, columns, true), STANDARD_API, references, null, null));
    }

    private static void addCustom(Map<String, BcTable> tables, String set, String indexColumn, List<Object> columns) {
        tables.put(set, new BcTable(table(set, indexColumn, columns, true), CUSTOM_API, List.of(), null, null));
    }

    /** Columns are given as columns or lists of them (the shared address block). */
    private static EntityTable table(String set, String indexColumn, List<Object> columns, boolean stamped) {
        List<Column> all = new ArrayList<>();
        all.add(of("id", GUID));
        for (Object column : columns) {
            if (column instanceof Column single) {
                all.add(single);
            } else {
                for (Object part : (List<?>) column) {
                    all.add((Column) part);
                }
            }
        }
        if (stamped) {
            all.add(of("lastModifiedDateTime", DATE_TIME).asReadOnly());
        }
        return new EntityTable(set, "id", all, indexColumn);
    }
}
