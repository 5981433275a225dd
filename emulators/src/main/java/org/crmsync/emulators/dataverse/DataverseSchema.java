package org.crmsync.emulators.dataverse;

import static org.crmsync.emulators.odata.Column.of;
import static org.crmsync.emulators.odata.Column.string;
import static org.crmsync.emulators.odata.ColumnType.BOOLEAN;
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

/** The tables of the emulated Dataverse, with the columns, lengths and lookups of apis.md A10. */
final class DataverseSchema {

    private DataverseSchema() {
    }

    static Map<String, DataverseTable> create() {
        Map<String, DataverseTable> tables = new LinkedHashMap<>();
        add(tables, "systemusers", "systemuser", "systemuserid", List.of(
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
                of("_businessunitid_value", GUID).asReadOnly()), List.of(), false);
        add(tables, "transactioncurrencies", "transactioncurrency", "transactioncurrencyid", List.of(
                string("isocurrencycode", 5).asRequired(),
                string("currencyname", 100).asRequired(),
                string("currencysymbol", 10).asRequired(),
                of("exchangerate", DECIMAL).asRequired(),
                of("currencyprecision", INTEGER).asRequired(),
                of("currencytype", INTEGER),
                of("statecode", INTEGER)), List.of(), false);
        add(tables, "accounts", "account", "accountid", List.of(
                string("name", 160).asRequired(),
                string("accountnumber", 20),
                string("telephone1", 50),
                string("fax", 50),
                string("emailaddress1", 100),
                string("websiteurl", 200),
                string("address1_line1", 250),
                string("address1_line2", 250),
                string("address1_city", 80),
                string("address1_stateorprovince", 50),
                string("address1_postalcode", 20),
                string("address1_country", 80),
                of("creditlimit", DECIMAL),
                of("customertypecode", INTEGER),
                of("statecode", INTEGER),
                of("_transactioncurrencyid_value", GUID).asReadOnly(),
                of("_ownerid_value", GUID).asReadOnly(),
                of("_primarycontactid_value", GUID).asReadOnly()), List.of(
                new Lookup("transactioncurrencyid", "_transactioncurrencyid_value", List.of("transactioncurrencies")),
                new Lookup("ownerid", "_ownerid_value", List.of("systemusers")),
                new Lookup("primarycontactid", "_primarycontactid_value", List.of("contacts"))), true);
        add(tables, "contacts", "contact", "contactid", List.of(
                string("firstname", 50),
                string("lastname", 50).asRequired(),
                string("fullname", 160).asReadOnly(),
                string("emailaddress1", 100),
                string("telephone1", 50),
                of("statecode", INTEGER),
                of("_parentcustomerid_value", GUID).asReadOnly(),
                of("_ownerid_value", GUID).asReadOnly()), List.of(
                new Lookup("parentcustomerid_account", "_parentcustomerid_value", List.of("accounts")),
                new Lookup("ownerid", "_ownerid_value", List.of("systemusers"))), true);
        return tables;
    }

    private static void add(Map<String, DataverseTable> tables, String set, String logicalName, String key,
                            List<Column> columns, List<Lookup> lookups, boolean supportsMultiple) {
        List<Column> all = new ArrayList<>();
        all.add(of(key, GUID));
        all.addAll(columns);
        // Every table carries these, maintained by the service (apis.md A10).
        all.add(of("createdon", DATE_TIME).asReadOnly());
        all.add(of("modifiedon", DATE_TIME).asReadOnly());
        all.add(of("versionnumber", INTEGER).asReadOnly());
        all.add(of("_createdby_value", GUID).asReadOnly());
        all.add(of("_modifiedby_value", GUID).asReadOnly());
        tables.put(set, new DataverseTable(new EntityTable(set, key, all), logicalName, lookups, supportsMultiple));
    }
}
