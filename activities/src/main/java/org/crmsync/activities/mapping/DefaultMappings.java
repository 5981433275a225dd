package org.crmsync.activities.mapping;

import static org.crmsync.activities.mapping.FieldMapping.constantToCrm;
import static org.crmsync.activities.mapping.FieldMapping.field;
import static org.crmsync.activities.mapping.FieldMapping.lookup;
import static org.crmsync.workflows.plan.Direction.BIDIRECTIONAL;
import static org.crmsync.workflows.plan.Direction.FROM_INTEGRATION_TABLE;
import static org.crmsync.workflows.plan.Direction.TO_INTEGRATION_TABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.mapping.FieldMapping.Lookup;
import org.crmsync.activities.mapping.TableMapping.BcTable;
import org.crmsync.activities.mapping.TableMapping.CrmTable;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SalesOrderIntegration;

/**
 * The default integration table mappings of bc-integration.md §2, by default for the Person ownership model:
 * SALESPEOPLE, CURRENCY, PAYMENT TERMS, SHIPMENT METHOD, SHIPPING AGENT, UNIT OF MEASURE, ITEM-PRODUCT, CUSTOMER,
 * VENDOR, CONTACT, OPPORTUNITY, PLHEADER-PRICE, PLLINE-PRODPRICE, and POSTEDSALESINV-INV and SALESORDER-ORDER with
 * their lines. SALESORDER-ORDER is one way or both ways, as the setup's sales order integration says; the Team
 * ownership model has no SALESPEOPLE and no owner lookup (new rows go to a team). A contact's name and company go to Dataverse only.
 */
public final class DefaultMappings {

    public static final String SALESPEOPLE = "SALESPEOPLE";
    public static final String CURRENCY = "CURRENCY";
    public static final String PAYMENT_TERMS = "PAYMENT TERMS";
    public static final String SHIPMENT_METHOD = "SHIPMENT METHOD";
    public static final String SHIPPING_AGENT = "SHIPPING AGENT";
    public static final String UNIT_OF_MEASURE = "UNIT OF MEASURE";
    public static final String ITEM_PRODUCT = "ITEM-PRODUCT";
    public static final String CUSTOMER = "CUSTOMER";
    public static final String VENDOR = "VENDOR";
    public static final String CONTACT = "CONTACT";
    public static final String OPPORTUNITY = "OPPORTUNITY";
    public static final String POSTEDSALESINV_INV = "POSTEDSALESINV-INV";
    public static final String SALESORDER_ORDER = "SALESORDER-ORDER";
    public static final String PLHEADER_PRICE = "PLHEADER-PRICE";
    public static final String PLLINE_PRODPRICE = "PLLINE-PRODPRICE";

    /** Licensed, enabled people: the users a salesperson can be (§2). */
    static final String USER_FILTER = "isdisabled eq false and islicensed eq true and isintegrationuser eq false";
    /** Dataverse's customertypecode values for a customer and a vendor account. */
    private static final String CUSTOMER_TYPE = "3";
    private static final String VENDOR_TYPE = "11";
    /** Dataverse's producttypecode of a sales inventory product. */
    private static final String SALES_INVENTORY = "1";
    /** Dataverse's pricingmethodcode of a price that is an amount in the price list's currency. */
    private static final String CURRENCY_AMOUNT = "1";
    private static final String ACCOUNT_DEPENDENCIES = "SALESPEOPLE|CURRENCY|PAYMENT TERMS|SHIPMENT METHOD|SHIPPING AGENT";
    private static final String DOCUMENT_DEPENDENCIES = ITEM_PRODUCT + "|RESOURCE-PRODUCT|" + OPPORTUNITY;
    /** Dataverse's statecode of a submitted order, the only ones a bidirectional order integration takes. */
    private static final String SUBMITTED = "1";

    private static final List<TableMapping> ALL = List.of(
            new TableMapping(SALESPEOPLE, FROM_INTEGRATION_TABLE, "",
                    new BcTable("salespeoplePurchasers", null, "code"),
                    new CrmTable("systemusers", "systemuser", "systemuserid", "internalemailaddress", USER_FILTER, false),
                    List.of(field("email", "internalemailaddress", FROM_INTEGRATION_TABLE).matchedAt(1),
                            field("displayName", "fullname", FROM_INTEGRATION_TABLE),
                            field("phoneNo", "mobilephone", FROM_INTEGRATION_TABLE)),
                    true, true, null, DeletionConflict.NONE, UpdateConflict.NONE),
            new TableMapping(CURRENCY, TO_INTEGRATION_TABLE, "",
                    new BcTable("currencies", null, "code"),
                    new CrmTable("transactioncurrencies", "transactioncurrency", "transactioncurrencyid", "isocurrencycode",
                            null, false),
                    List.of(field("code", "isocurrencycode", TO_INTEGRATION_TABLE).matchedAt(1),
                            field("symbol", "currencysymbol", TO_INTEGRATION_TABLE),
                            field("displayName", "currencyname", TO_INTEGRATION_TABLE)),
                    true, true, CURRENCY, DeletionConflict.NONE, UpdateConflict.NONE),
            // BC's shipment methods are Dataverse's freight terms, and its shipping agents Dataverse's shipping methods.
            option(PAYMENT_TERMS, "paymentTerms", "paymenttermscode"),
            option(SHIPMENT_METHOD, "shipmentMethods", "address1_freighttermscode"),
            option(SHIPPING_AGENT, "shippingAgents", "address1_shippingmethodcode"),
            new TableMapping(UNIT_OF_MEASURE, TO_INTEGRATION_TABLE, "",
                    new BcTable("unitsOfMeasure", null, "code"),
                    new CrmTable("uomschedules", "uomschedule", "uomscheduleid", "name", null, false),
                    List.of(field("code", "name", TO_INTEGRATION_TABLE),
                            field("code", "baseuomname", TO_INTEGRATION_TABLE),
                            field("displayName", "description", TO_INTEGRATION_TABLE)),
                    true, false, null, DeletionConflict.NONE, UpdateConflict.NONE),
            new TableMapping(ITEM_PRODUCT, BIDIRECTIONAL, UNIT_OF_MEASURE,
                    new BcTable("items", "blocked eq false", "number"),
                    new CrmTable("products", "product", "productid", "productnumber",
                            "producttypecode eq " + SALES_INVENTORY, true),
                    List.of(field("number", "productnumber", TO_INTEGRATION_TABLE).matchedAt(1),
                            field("displayName", "name", BIDIRECTIONAL),
                            field("unitPrice", "price", TO_INTEGRATION_TABLE),
                            field("unitCost", "standardcost", TO_INTEGRATION_TABLE),
                            field("unitCost", "currentcost", TO_INTEGRATION_TABLE),
                            field("inventory", "quantityonhand", TO_INTEGRATION_TABLE),
                            constantToCrm("producttypecode", SALES_INVENTORY),
                            constantToCrm("quantitydecimal", "0"),
                            // both ways (Base UoM ↔ DefaultUoMScheduleId, §2): an item made of a product needs it
                            lookup("baseUnitOfMeasureCode", "defaultuomscheduleid", BIDIRECTIONAL,
                                    new Lookup(UNIT_OF_MEASURE, "code", "uomschedules", false))),
                    true, false, ITEM_PRODUCT, DeletionConflict.NONE, UpdateConflict.NONE),
            account(CUSTOMER, "customers", CUSTOMER_TYPE, "salespersonCode", true),
            account(VENDOR, "vendors", VENDOR_TYPE, "purchaserCode", false),
            // Person contacts of a company; the name and the parent account come from the CONTACT transformation.
            new TableMapping(CONTACT, BIDIRECTIONAL, CUSTOMER + "|" + VENDOR,
                    new BcTable("contacts", "type eq 'Person' and companyNumber ne ''", "number"),
                    new CrmTable("contacts", "contact", "contactid", "emailaddress1",
                            "statecode eq 0 and _parentcustomerid_value ne null", true),
                    withAddress(field("jobTitle", "jobtitle", BIDIRECTIONAL),
                            field("phoneNumber", "telephone1", BIDIRECTIONAL),
                            field("mobilePhoneNumber", "mobilephone", BIDIRECTIONAL),
                            field("email", "emailaddress1", BIDIRECTIONAL)),
                    true, false, CONTACT, DeletionConflict.NONE, UpdateConflict.NONE),
            // Open opportunities; the account is the contact's, from the OPPORTUNITY transformation.
            new TableMapping(OPPORTUNITY, BIDIRECTIONAL, CONTACT,
                    new BcTable("opportunities", "status eq 'Not Started' or status eq 'In Progress'", "number"),
                    new CrmTable("opportunities", "opportunity", "opportunityid", "name", "statecode eq 0", true),
                    List.of(field("description", "name", BIDIRECTIONAL),
                            lookup("contactNumber", "parentcontactid", TO_INTEGRATION_TABLE,
                                    new Lookup(CONTACT, "number", "contacts", false)),
                            field("estimatedValue", "estimatedvalue", TO_INTEGRATION_TABLE),
                            field("estimatedClosingDate", "estimatedclosedate", TO_INTEGRATION_TABLE),
                            lookup("salespersonCode", "ownerid", TO_INTEGRATION_TABLE,
                                    new Lookup(SALESPEOPLE, "code", "systemusers", false)).notNullable()),
                    false, false, OPPORTUNITY, DeletionConflict.NONE, UpdateConflict.NONE),
            // New pricing: BC's sales price lists (crmsync's custom API page) become Dataverse price lists.
            new TableMapping(PLHEADER_PRICE, TO_INTEGRATION_TABLE, CURRENCY + "|" + ITEM_PRODUCT,
                    new BcTable("priceListHeaders", "priceType eq 'Sale' and amountType eq 'Price'", "code"),
                    new CrmTable("pricelevels", "pricelevel", "pricelevelid", "name", null, false),
                    List.of(field("code", "name", TO_INTEGRATION_TABLE).matchedAt(1),
                            field("description", "description", TO_INTEGRATION_TABLE),
                            lookup("currencyCode", "transactioncurrencyid", TO_INTEGRATION_TABLE,
                                    new Lookup(CURRENCY, "code", "transactioncurrencies", true)),
                            field("startingDate", "begindate", TO_INTEGRATION_TABLE),
                            field("endingDate", "enddate", TO_INTEGRATION_TABLE)),
                    true, false, null, DeletionConflict.NONE, UpdateConflict.NONE),
            // An item's price in a price list, for any quantity; the unit comes from the PLLINE-PRODPRICE transformation.
            new TableMapping(PLLINE_PRODPRICE, TO_INTEGRATION_TABLE, PLHEADER_PRICE + "|" + ITEM_PRODUCT,
                    new BcTable("priceListLines", "assetType eq 'Item' and minimumQuantity eq 0", "assetNo"),
                    new CrmTable("productpricelevels", "productpricelevel", "productpricelevelid",
                            "productpricelevelid", null, true),
                    List.of(lookup("priceListCode", "pricelevelid", TO_INTEGRATION_TABLE,
                                    new Lookup(PLHEADER_PRICE, "code", "pricelevels", false)),
                            lookup("assetNo", "productid", TO_INTEGRATION_TABLE,
                                    new Lookup(ITEM_PRODUCT, "number", "products", false)),
                            lookup("unitOfMeasureCode", "uomscheduleid", TO_INTEGRATION_TABLE,
                                    new Lookup(UNIT_OF_MEASURE, "code", "uomschedules", false)),
                            field("unitPrice", "amount", TO_INTEGRATION_TABLE),
                            constantToCrm("pricingmethodcode", CURRENCY_AMOUNT)),
                    false, false, PLLINE_PRODPRICE, DeletionConflict.NONE, UpdateConflict.NONE),
            // Sales documents; their lines follow each header (DocumentLines), as BC's line mappings do.
            salesDocument(POSTEDSALESINV_INV, TO_INTEGRATION_TABLE, DOCUMENT_DEPENDENCIES,
                    new BcTable("salesInvoices", "status ne 'Draft'", "number"),
                    new CrmTable("invoices", "invoice", "invoiceid", "invoicenumber", null, true),
                    List.of(field("number", "invoicenumber", TO_INTEGRATION_TABLE),
                            field("dueDate", "duedate", TO_INTEGRATION_TABLE))),
            salesOrders(SalesOrderIntegration.LEGACY));

    /**
     * The mappings whose new Dataverse rows become BC records in a full sync: accounts, contacts, products, and
     * submitted orders when orders go both ways. BC never creates salespeople from users (§7) nor opportunities.
     */
    private static final Set<String> CREATED_IN_BUSINESS_CENTRAL = Set.of(CUSTOMER, VENDOR, CONTACT, ITEM_PRODUCT,
            SALESORDER_ORDER);

    private DefaultMappings() {
    }

    /**
     * SALESORDER-ORDER as the sales order integration has it (§2). Legacy: BC's released orders go to Dataverse
     * one way, named and numbered by BC. Bidirectional: besides those, orders submitted in Sales come to BC with
     * their lines, their Sales number as BC's external document number, and BC's number comes back in the
     * integration solution's column; the customer, currency and addresses go both ways. The discount and the
     * delivery date stay BC's: Dataverse leaves them empty where BC needs a number and a date.
     */
    private static TableMapping salesOrders(SalesOrderIntegration integration) {
        if (integration == SalesOrderIntegration.LEGACY) {
            return salesDocument(SALESORDER_ORDER, TO_INTEGRATION_TABLE, DOCUMENT_DEPENDENCIES,
                    new BcTable("salesOrders", "status eq 'Released'", "number"),
                    new CrmTable("salesorders", "salesorder", "salesorderid", "ordernumber", null, true),
                    List.of(field("number", "ordernumber", TO_INTEGRATION_TABLE),
                            field("requestedDeliveryDate", "requestdeliveryby", TO_INTEGRATION_TABLE)));
        }
        return salesDocument(SALESORDER_ORDER, BIDIRECTIONAL, CUSTOMER + "|" + DOCUMENT_DEPENDENCIES,
                new BcTable("salesOrders", "status eq 'Released'", "number"),
                new CrmTable("salesorders", "salesorder", "salesorderid", "ordernumber", "statecode eq " + SUBMITTED,
                        true),
                List.of(field("number", "businesscentralordernumber", TO_INTEGRATION_TABLE),
                        field("externalDocumentNumber", "ordernumber", FROM_INTEGRATION_TABLE),
                        field("requestedDeliveryDate", "requestdeliveryby", TO_INTEGRATION_TABLE)));
    }

    /** SALESORDER-ORDER as {@code options} have it. */
    public static TableMapping salesOrders(MappingOptions options) {
        return ownedAs(options.ownership(), salesOrders(options.salesOrders()));
    }

    /** The default mappings for {@code options}: SALESORDER-ORDER as they say, and in the Team model no SALESPEOPLE. */
    public static List<TableMapping> all(MappingOptions options) {
        return ALL.stream()
                .filter(mapping -> options.ownership() == OwnershipModel.PERSON || !mapping.name().equals(SALESPEOPLE))
                .map(mapping -> mapping.name().equals(SALESORDER_ORDER) ? salesOrders(options) : ownedAs(
                        options.ownership(), mapping))
                .toList();
    }

    /**
     * {@code mapping} in {@code ownership}'s model (§1). Person keeps it. Team leaves out the owner's lookup, whose
     * salespeople no longer sync, and SALESPEOPLE from the dependency filter: new rows go to the default team of
     * the integration user's business unit, and the owner is never updated.
     */
    private static TableMapping ownedAs(OwnershipModel ownership, TableMapping mapping) {
        if (ownership == OwnershipModel.PERSON) {
            return mapping;
        }
        return mapping.withFields(mapping.fields().stream().filter(field -> field.lookup() == null
                        || !field.lookup().parentMapping().equals(SALESPEOPLE)).toList(),
                String.join("|", mapping.dependsOn().stream().filter(parent -> !parent.equals(SALESPEOPLE)).toList()));
    }

    /**
     * Whether the mapping's Dataverse rows have an owner that follows the record's salesperson in the Person model:
     * in the Team model such rows belong to a team instead (§1).
     */
    public static boolean ownedBySalespeople(String mapping) {
        return all(MappingOptions.DEFAULT).stream().filter(candidate -> candidate.name().equals(mapping))
                .flatMap(candidate -> candidate.fields().stream())
                .anyMatch(field -> field.lookup() != null && field.lookup().parentMapping().equals(SALESPEOPLE));
    }

    /** Whether a full sync creates BC records of this mapping from new Dataverse rows. */
    public static boolean createdInBusinessCentral(String mapping) {
        return CREATED_IN_BUSINESS_CENTRAL.contains(mapping);
    }

    /** {@code fields}, then BC's address fields both ways with Dataverse's first address (§2). */
    private static List<FieldMapping> withAddress(FieldMapping... fields) {
        List<FieldMapping> all = new ArrayList<>(List.of(fields));
        all.addAll(List.of(
                field("addressLine1", "address1_line1", BIDIRECTIONAL),
                field("addressLine2", "address1_line2", BIDIRECTIONAL),
                field("city", "address1_city", BIDIRECTIONAL),
                field("state", "address1_stateorprovince", BIDIRECTIONAL),
                field("postalCode", "address1_postalcode", BIDIRECTIONAL),
                field("country", "address1_country", BIDIRECTIONAL)));
        return all;
    }

    /**
     * POSTEDSALESINV-INV and SALESORDER-ORDER (§2): a BC sales document's header, named by its number, with its
     * sell-to address as Dataverse's bill-to address. On a bidirectional mapping the customer, currency and
     * addresses go both ways; amounts, the owner and the name are BC's.
     */
    private static TableMapping salesDocument(String name, Direction direction, String dependencies, BcTable bc,
                                              CrmTable crm, List<FieldMapping> own) {
        List<FieldMapping> fields = new ArrayList<>(own);
        fields.addAll(List.of(
                field("number", "name", TO_INTEGRATION_TABLE),
                lookup("customerNumber", "customerid_account", direction,
                        new Lookup(CUSTOMER, "number", "accounts", false)),
                lookup("currencyCode", "transactioncurrencyid", direction,
                        new Lookup(CURRENCY, "code", "transactioncurrencies", true)),
                lookup("salesperson", "ownerid", TO_INTEGRATION_TABLE,
                        new Lookup(SALESPEOPLE, "code", "systemusers", false)).notNullable(),
                field("discountAmount", "discountamount", TO_INTEGRATION_TABLE),
                field("totalTaxAmount", "totaltax", TO_INTEGRATION_TABLE),
                field("billToName", "billto_name", TO_INTEGRATION_TABLE),
                field("shipToName", "shipto_name", direction)));
        for (String[] side : new String[][] {{"sellTo", "billto"}, {"shipTo", "shipto"}}) {
            fields.add(field(side[0] + "AddressLine1", side[1] + "_line1", direction));
            fields.add(field(side[0] + "City", side[1] + "_city", direction));
            fields.add(field(side[0] + "PostCode", side[1] + "_postalcode", direction));
            fields.add(field(side[0] + "Country", side[1] + "_country", direction));
        }
        return new TableMapping(name, direction, dependencies, bc, crm, fields, true, false, null,
                DeletionConflict.NONE, UpdateConflict.NONE);
    }

    /**
     * An option mapping (§2): BC's records of {@code bcSet} become the options of the account's choice column
     * {@code column}, labelled with their codes; a code matches an option of the same label. One way only, like
     * BC's, whose option mappings cannot be bidirectional (§4).
     */
    private static TableMapping option(String name, String bcSet, String column) {
        return new TableMapping(name, TO_INTEGRATION_TABLE, "", new BcTable(bcSet, null, "code"),
                CrmTable.choice("accounts", "account", column),
                List.of(field("code", CrmTable.OPTION_LABEL, TO_INTEGRATION_TABLE).matchedAt(1)),
                true, true, null, DeletionConflict.NONE, UpdateConflict.NONE);
    }

    /**
     * CUSTOMER and VENDOR: BC customers or vendors and the Dataverse accounts of that type (§2). Only a customer
     * has a credit limit and a shipment method in API v2.0; neither has a shipping agent there.
     */
    private static TableMapping account(String name, String bcSet, String accountType, String ownerField,
                                        boolean customer) {
        List<FieldMapping> fields = new ArrayList<>(withAddress(
                field("displayName", "name", BIDIRECTIONAL),
                // Match-based coupling: an account that carries the number already is that customer's.
                field("number", "accountnumber", TO_INTEGRATION_TABLE).matchedAt(1),
                field("phoneNumber", "telephone1", BIDIRECTIONAL),
                field("email", "emailaddress1", BIDIRECTIONAL),
                field("website", "websiteurl", BIDIRECTIONAL),
                constantToCrm("customertypecode", accountType),
                lookup("currencyCode", "transactioncurrencyid", BIDIRECTIONAL,
                        new Lookup(CURRENCY, "code", "transactioncurrencies", true)),
                // A blank salesperson leaves the owner as it is (§6, Person model).
                lookup(ownerField, "ownerid", TO_INTEGRATION_TABLE,
                        new Lookup(SALESPEOPLE, "code", "systemusers", false)).notNullable(),
                lookup("paymentTermsId", "paymenttermscode", BIDIRECTIONAL, Lookup.option(PAYMENT_TERMS))));
        if (customer) {
            fields.add(lookup("shipmentMethodId", "address1_freighttermscode", BIDIRECTIONAL,
                    Lookup.option(SHIPMENT_METHOD)));
            fields.add(field("creditLimit", "creditlimit", TO_INTEGRATION_TABLE));
        }
        return new TableMapping(name, BIDIRECTIONAL, ACCOUNT_DEPENDENCIES,
                new BcTable(bcSet, "blocked eq ' '", "number"),
                new CrmTable("accounts", "account", "accountid", "accountnumber",
                        "statecode eq 0 and customertypecode eq " + accountType, true),
                fields, true, false, null, DeletionConflict.NONE, UpdateConflict.NONE);
    }

    /** The default mappings with crmsync's default options. */
    public static List<TableMapping> all() {
        return ALL;
    }
}
