package org.crmsync.emulators.dataverse;

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
import org.crmsync.emulators.dataverse.Lookup.When;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.EntityTable;

/**
 * The tables of the emulated Dataverse with Dynamics 365 Sales installed: columns, lengths, required
 * columns, lookups and choices of apis.md A10.
 */
final class DataverseSchema {

    /** The intersect table behind the systemuser↔role and team↔role associations. */
    static final String ROLE_ASSIGNMENTS = "systemuserrolescollection";

    private DataverseSchema() {
    }

    static Map<String, DataverseTable> create() {
        Map<String, DataverseTable> tables = new LinkedHashMap<>();
        Builder b = new Builder(tables);
        b.add("businessunits", "businessunit", "businessunitid", false, List.of(
                string("name", 160).asRequired(),
                of("_parentbusinessunitid_value", GUID).asReadOnly()),
                List.of(new Lookup("parentbusinessunitid", "_parentbusinessunitid_value", "businessunits")));
        b.add("systemusers", "systemuser", "systemuserid", false, List.of(
                string("fullname", 200).asReadOnly(),
                string("firstname", 64),
                string("lastname", 64),
                string("internalemailaddress", 100),
                string("domainname", 1024),
                string("mobilephone", 64),
                of("isdisabled", BOOLEAN).asReadOnly(),
                of("islicensed", BOOLEAN),
                of("isintegrationuser", BOOLEAN),
                of("accessmode", INTEGER),
                of("applicationid", GUID),
                of("azureactivedirectoryobjectid", GUID),
                of("_businessunitid_value", GUID).asReadOnly()),
                List.of(new Lookup("businessunitid", "_businessunitid_value", "businessunits")));
        b.add("teams", "team", "teamid", false, List.of(
                string("name", 160).asRequired(),
                of("teamtype", INTEGER),
                of("isdefault", BOOLEAN),
                of("_businessunitid_value", GUID).asReadOnly().asRequired()),
                List.of(new Lookup("businessunitid", "_businessunitid_value", "businessunits")));
        b.add("roles", "role", "roleid", false, List.of(
                string("name", 100).asRequired(),
                of("_businessunitid_value", GUID).asReadOnly().asRequired()),
                List.of(new Lookup("businessunitid", "_businessunitid_value", "businessunits")));
        b.add("solutions", "solution", "solutionid", false, List.of(
                string("uniquename", 65).asRequired(),
                string("friendlyname", 256).asRequired(),
                string("version", 256).asRequired(),
                of("ismanaged", BOOLEAN),
                of("installedon", DATE_TIME)), List.of());
        b.add(ROLE_ASSIGNMENTS, "systemuserroles", "systemuserroleid", false, List.of(
                of("principalid", GUID).asRequired(),
                of("roleid", GUID).asRequired()), List.of(), "principalid");
        b.add("transactioncurrencies", "transactioncurrency", "transactioncurrencyid", false, List.of(
                string("isocurrencycode", 5).asRequired(),
                string("currencyname", 100).asRequired(),
                string("currencysymbol", 10).asRequired(),
                of("exchangerate", DECIMAL).asRequired(),
                of("currencyprecision", INTEGER).asRequired(),
                of("currencytype", INTEGER),
                of("statecode", INTEGER)), List.of());
        b.add("uomschedules", "uomschedule", "uomscheduleid", false, List.of(
                string("name", 200).asRequired(),
                string("baseuomname", 100).asRequired(),
                string("description", 2000),
                of("statecode", INTEGER)), List.of());
        b.add("uoms", "uom", "uomid", false, List.of(
                string("name", 100).asRequired(),
                of("quantity", DECIMAL).asRequired(),
                of("isschedulebaseuom", BOOLEAN).asReadOnly(),
                of("_uomscheduleid_value", GUID).asReadOnly().asRequired(),
                of("_baseuom_value", GUID).asReadOnly().asRequired()), List.of(
                new Lookup("uomscheduleid", "_uomscheduleid_value", "uomschedules").on(When.CREATE_ONLY),
                new Lookup("baseuom", "_baseuom_value", "uoms")));
        b.add("pricelevels", "pricelevel", "pricelevelid", false, List.of(
                string("name", 100).asRequired(),
                of("begindate", DATE),
                of("enddate", DATE),
                string("description", 200),
                of("statecode", INTEGER),
                of("_transactioncurrencyid_value", GUID).asReadOnly().asRequired()), List.of(
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies")));
        b.add("products", "product", "productid", true, List.of(
                string("productnumber", 100).asRequired(),
                string("name", 100).asRequired(),
                string("description", 2000),
                of("quantitydecimal", INTEGER).asRequired(),
                of("price", DECIMAL),
                of("standardcost", DECIMAL),
                of("currentcost", DECIMAL),
                of("quantityonhand", DECIMAL),
                of("stockweight", DECIMAL),
                of("stockvolume", DECIMAL),
                string("vendorname", 100),
                string("vendorpartnumber", 100),
                of("producttypecode", INTEGER),
                of("productstructure", INTEGER),
                of("statecode", INTEGER),
                of("_defaultuomscheduleid_value", GUID).asReadOnly().asRequired(),
                of("_defaultuomid_value", GUID).asReadOnly().asRequired(),
                of("_pricelevelid_value", GUID).asReadOnly(),
                of("_transactioncurrencyid_value", GUID).asReadOnly()), List.of(
                new Lookup("defaultuomscheduleid", "_defaultuomscheduleid_value", "uomschedules"),
                new Lookup("defaultuomid", "_defaultuomid_value", "uoms"),
                new Lookup("pricelevelid", "_pricelevelid_value", "pricelevels").on(When.UPDATE_ONLY),
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies")));
        b.add("productpricelevels", "productpricelevel", "productpricelevelid", true, List.of(
                of("amount", DECIMAL),
                of("pricingmethodcode", INTEGER),
                of("quantitysellingcode", INTEGER),
                of("_pricelevelid_value", GUID).asReadOnly().asRequired(),
                of("_productid_value", GUID).asReadOnly().asRequired(),
                of("_uomid_value", GUID).asReadOnly().asRequired(),
                of("_uomscheduleid_value", GUID).asReadOnly(),
                of("_transactioncurrencyid_value", GUID).asReadOnly()), List.of(
                new Lookup("pricelevelid", "_pricelevelid_value", "pricelevels"),
                new Lookup("productid", "_productid_value", "products"),
                new Lookup("uomid", "_uomid_value", "uoms"),
                new Lookup("uomscheduleid", "_uomscheduleid_value", "uomschedules"),
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies")));
        List<Column> address = new ArrayList<>();
        for (String[] column : new String[][] {{"line1", "250"}, {"line2", "250"}, {"line3", "250"}, {"city", "80"},
            {"stateorprovince", "50"}, {"postalcode", "20"}, {"country", "80"}}) {
            address.add(string("address1_" + column[0], Integer.parseInt(column[1])));
        }
        List<Column> accountColumns = new ArrayList<>(List.of(
                string("name", 160).asRequired(),
                string("accountnumber", 20),
                string("telephone1", 50),
                string("fax", 50),
                string("emailaddress1", 100),
                string("websiteurl", 200),
                string("description", 2000),
                of("creditlimit", DECIMAL),
                of("customertypecode", INTEGER),
                of("paymenttermscode", INTEGER),
                of("address1_shippingmethodcode", INTEGER),
                of("address1_freighttermscode", INTEGER),
                of("statecode", INTEGER),
                of("statuscode", INTEGER),
                of("_transactioncurrencyid_value", GUID).asReadOnly(),
                of("_ownerid_value", GUID).asReadOnly(),
                of("_primarycontactid_value", GUID).asReadOnly(),
                of("_parentaccountid_value", GUID).asReadOnly()));
        accountColumns.addAll(address);
        DataverseTable accounts = b.add("accounts", "account", "accountid", true, accountColumns, List.of(
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies"),
                new Lookup("ownerid", "_ownerid_value", "systemusers", "teams"),
                new Lookup("primarycontactid", "_primarycontactid_value", "contacts"),
                new Lookup("parentaccountid", "_parentaccountid_value", "accounts")));
        accounts.addOptionSet("customertypecode", new OptionSet("Competitor", "Consultant", "Customer", "Investor",
                "Partner", "Influencer", "Press", "Prospect", "Reseller", "Supplier", "Vendor", "Other"));
        accounts.addOptionSet("paymenttermscode", new OptionSet("Net 30", "2% 10, Net 30", "Net 45", "Net 60"));
        accounts.addOptionSet("address1_shippingmethodcode", new OptionSet("Airborne", "DHL", "FedEx", "UPS",
                "Postal Mail", "Full Load", "Will Call"));
        accounts.addOptionSet("address1_freighttermscode", new OptionSet("FOB", "No Charge"));
        List<Column> contactColumns = new ArrayList<>(List.of(
                string("firstname", 50),
                string("lastname", 50).asRequired(),
                string("fullname", 160).asReadOnly(),
                string("emailaddress1", 100),
                string("telephone1", 50),
                string("mobilephone", 50),
                string("fax", 50),
                string("jobtitle", 100),
                string("websiteurl", 200),
                of("statecode", INTEGER),
                of("_parentcustomerid_value", GUID).asReadOnly(),
                of("_transactioncurrencyid_value", GUID).asReadOnly(),
                of("_ownerid_value", GUID).asReadOnly()));
        contactColumns.addAll(address);
        b.add("contacts", "contact", "contactid", true, contactColumns, List.of(
                new Lookup("parentcustomerid_account", "_parentcustomerid_value", "accounts"),
                new Lookup("parentcustomerid_contact", "_parentcustomerid_value", "contacts"),
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies"),
                new Lookup("ownerid", "_ownerid_value", "systemusers", "teams")));
        b.add("opportunities", "opportunity", "opportunityid", true, List.of(
                string("name", 300).asRequired(),
                string("description", 2000),
                of("estimatedvalue", DECIMAL),
                of("estimatedclosedate", DATE),
                of("closeprobability", INTEGER),
                of("statecode", INTEGER),
                of("_parentcontactid_value", GUID).asReadOnly(),
                of("_parentaccountid_value", GUID).asReadOnly(),
                of("_transactioncurrencyid_value", GUID).asReadOnly(),
                of("_pricelevelid_value", GUID).asReadOnly(),
                of("_ownerid_value", GUID).asReadOnly()), List.of(
                new Lookup("parentcontactid", "_parentcontactid_value", "contacts"),
                new Lookup("parentaccountid", "_parentaccountid_value", "accounts"),
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies"),
                new Lookup("pricelevelid", "_pricelevelid_value", "pricelevels"),
                new Lookup("ownerid", "_ownerid_value", "systemusers", "teams")));
        // BC's integration solution adds the BC order number and line number, which pair orders and lines
        // that came from Sales with those BC made of them (bc-integration.md §2, bidirectional orders).
        b.addDocument("salesorders", "salesorder", "salesorderid", "ordernumber",
                List.of(of("requestdeliveryby", DATE), of("datefulfilled", DATE),
                        string("businesscentralordernumber", 20)),
                List.of(new Lookup("opportunityid", "_opportunityid_value", "opportunities")));
        b.addLines("salesorderdetails", "salesorderdetail", "salesorderdetailid", "salesorderid", "salesorders",
                List.of(of("quantityshipped", DECIMAL), of("requestdeliveryby", DATE),
                        of("businesscentrallinenumber", INTEGER)));
        b.addDocument("invoices", "invoice", "invoiceid", "invoicenumber",
                List.of(of("datedelivered", DATE), of("duedate", DATE)),
                List.of(new Lookup("opportunityid", "_opportunityid_value", "opportunities"),
                        new Lookup("salesorderid", "_salesorderid_value", "salesorders")));
        b.addLines("invoicedetails", "invoicedetail", "invoicedetailid", "invoiceid", "invoices", List.of());
        return tables;
    }

    /** Adds tables with the columns every Dataverse table carries. */
    private record Builder(Map<String, DataverseTable> tables) {

        DataverseTable add(String set, String logicalName, String key, boolean supportsMultiple,
                           List<Column> columns, List<Lookup> lookups) {
            return add(set, logicalName, key, supportsMultiple, columns, lookups, null);
        }

        DataverseTable add(String set, String logicalName, String key, boolean supportsMultiple,
                           List<Column> columns, List<Lookup> lookups, String parentColumn) {
            List<Column> all = new ArrayList<>();
            all.add(of(key, GUID));
            all.addAll(columns);
            // Every table carries these, maintained by the service (apis.md A10).
            all.add(of("createdon", DATE_TIME).asReadOnly());
            all.add(of("modifiedon", DATE_TIME).asReadOnly());
            all.add(of("versionnumber", INTEGER).asReadOnly());
            all.add(of("_createdby_value", GUID).asReadOnly());
            all.add(of("_modifiedby_value", GUID).asReadOnly());
            boolean changeTracking = !set.equals(ROLE_ASSIGNMENTS);
            DataverseTable table = new DataverseTable(new EntityTable(set, key, all, parentColumn), logicalName,
                    lookups, supportsMultiple, changeTracking);
            tables.put(set, table);
            return table;
        }

        /** An order or invoice header: customer, price list, currency, owner, amounts and addresses. */
        void addDocument(String set, String logicalName, String key, String numberColumn, List<Column> extra,
                         List<Lookup> extraLookups) {
            List<Column> columns = new ArrayList<>(List.of(
                    string("name", 300).asRequired(),
                    string(numberColumn, 100),
                    string("description", 2000),
                    of("totalamount", DECIMAL).asReadOnly(),
                    of("totallineitemamount", DECIMAL).asReadOnly(),
                    of("totaltax", DECIMAL),
                    of("discountamount", DECIMAL),
                    of("discountpercentage", DECIMAL),
                    of("freightamount", DECIMAL),
                    of("ispricelocked", BOOLEAN),
                    of("statecode", INTEGER),
                    of("_customerid_value", GUID).asReadOnly().asRequired(),
                    of("_pricelevelid_value", GUID).asReadOnly(),
                    of("_transactioncurrencyid_value", GUID).asReadOnly(),
                    of("_ownerid_value", GUID).asReadOnly()));
            for (String side : List.of("billto", "shipto")) {
                columns.add(string(side + "_name", 200));
                columns.add(string(side + "_line1", 250));
                columns.add(string(side + "_line2", 250));
                columns.add(string(side + "_city", 80));
                columns.add(string(side + "_stateorprovince", 50));
                columns.add(string(side + "_postalcode", 20));
                columns.add(string(side + "_country", 80));
            }
            columns.addAll(extra);
            List<Lookup> lookups = new ArrayList<>(List.of(
                    new Lookup("customerid_account", "_customerid_value", "accounts"),
                    new Lookup("customerid_contact", "_customerid_value", "contacts"),
                    new Lookup("pricelevelid", "_pricelevelid_value", "pricelevels"),
                    new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", "transactioncurrencies"),
                    new Lookup("ownerid", "_ownerid_value", "systemusers", "teams")));
            for (Lookup lookup : extraLookups) {
                columns.add(of(lookup.column(), GUID).asReadOnly());
                lookups.add(lookup);
            }
            add(set, logicalName, key, true, columns, lookups);
        }

        /** Lines of a document: product or write-in, quantity, prices, and the amounts the service computes. */
        void addLines(String set, String logicalName, String key, String parentNavigation, String parentSet,
                      List<Column> extra) {
            String parentColumn = "_" + parentNavigation + "_value";
            List<Column> columns = new ArrayList<>(List.of(
                    of("quantity", DECIMAL).asRequired(),
                    of("priceperunit", DECIMAL),
                    of("ispriceoverridden", BOOLEAN),
                    of("isproductoverridden", BOOLEAN),
                    string("productdescription", 500),
                    of("manualdiscountamount", DECIMAL),
                    of("tax", DECIMAL),
                    of("baseamount", DECIMAL).asReadOnly(),
                    of("extendedamount", DECIMAL).asReadOnly(),
                    of("lineitemnumber", INTEGER),
                    of("sequencenumber", INTEGER),
                    of(parentColumn, GUID).asReadOnly().asRequired(),
                    of("_productid_value", GUID).asReadOnly(),
                    of("_uomid_value", GUID).asReadOnly()));
            columns.addAll(extra);
            add(set, logicalName, key, true, columns, List.of(
                    new Lookup(parentNavigation, parentColumn, parentSet).on(When.CREATE_ONLY),
                    new Lookup("productid", "_productid_value", "products"),
                    new Lookup("uomid", "_uomid_value", "uoms")), parentColumn);
        }
    }
}
