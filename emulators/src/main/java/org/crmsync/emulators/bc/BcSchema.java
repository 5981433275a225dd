package org.crmsync.emulators.bc;

import static org.crmsync.emulators.odata.Column.of;
import static org.crmsync.emulators.odata.Column.string;
import static org.crmsync.emulators.odata.ColumnType.BOOLEAN;
import static org.crmsync.emulators.odata.ColumnType.DATE;
import static org.crmsync.emulators.odata.ColumnType.DATE_TIME;
import static org.crmsync.emulators.odata.ColumnType.DECIMAL;
import static org.crmsync.emulators.odata.ColumnType.GUID;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.EntityTable;

/** The entity sets of one emulated Business Central company, with the fields of apis.md B2. */
final class BcSchema {

    private BcSchema() {
    }

    static Map<String, EntityTable> createCompanyTables() {
        Map<String, EntityTable> tables = new LinkedHashMap<>();
        add(tables, "customers", List.of(
                string("number", 20),
                string("displayName", 100),
                string("type", 20),
                string("addressLine1", 100),
                string("addressLine2", 50),
                string("city", 30),
                string("state", 30),
                string("country", 10),
                string("postalCode", 20),
                string("phoneNumber", 30),
                string("email", 80),
                string("website", 80),
                string("salespersonCode", 20),
                of("balanceDue", DECIMAL).asReadOnly(),
                of("creditLimit", DECIMAL),
                of("taxLiable", BOOLEAN),
                of("currencyId", GUID),
                string("currencyCode", 10),
                of("paymentTermsId", GUID),
                of("shipmentMethodId", GUID),
                of("paymentMethodId", GUID),
                string("blocked", 20)));
        add(tables, "salespeoplePurchasers", List.of(
                string("code", 20),
                string("displayName", 50),
                string("email", 80),
                string("email2", 80),
                string("phoneNo", 30),
                string("jobTitle", 30),
                of("commisionPercent", DECIMAL),
                of("privacyBlocked", BOOLEAN),
                of("blocked", BOOLEAN)));
        add(tables, "currencies", List.of(
                string("code", 10),
                string("displayName", 30),
                string("symbol", 10),
                string("amountDecimalPlaces", 5),
                of("amountRoundingPrecision", DECIMAL)));
        add(tables, "currencyExchangeRates", List.of(
                string("currencyCode", 10),
                of("startingDate", DATE),
                of("exchangeRateAmount", DECIMAL),
                string("relationalCurrencyCode", 10),
                of("relationalExchangeRateAmount", DECIMAL)));
        return tables;
    }

    private static void add(Map<String, EntityTable> tables, String set, List<Column> columns) {
        List<Column> all = new ArrayList<>();
        all.add(of("id", GUID));
        all.addAll(columns);
        all.add(of("lastModifiedDateTime", DATE_TIME).asReadOnly());
        tables.put(set, new EntityTable(set, "id", all));
    }
}
