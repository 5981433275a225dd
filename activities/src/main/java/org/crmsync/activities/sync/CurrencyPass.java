package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.store.IntegrationStore;

/**
 * CURRENCY: BC currencies → Dataverse transactioncurrencies, matched by ISO code (bc-integration.md §2).
 * The exchange rate comes from BC's latest currency exchange rate.
 */
final class CurrencyPass extends ToDataversePass {

    private final Map<String, BigDecimal> rates = new HashMap<>();
    private final Map<String, String> crmByIsoCode = new HashMap<>();
    private final Set<String> coupledCrmIds = new HashSet<>();

    CurrencyPass(Connectors connectors, IntegrationStore store) {
        super(connectors, "currencies", null, "transactioncurrencies", "transactioncurrency",
                "transactioncurrencyid", false);
        Map<String, String> latest = new HashMap<>();
        for (ObjectNode rate : connectors.bc().readAll("currencyExchangeRates", null)) {
            String code = rate.path("currencyCode").asText().toUpperCase(Locale.ROOT);
            String date = rate.path("startingDate").asText();
            BigDecimal relational = rate.path("relationalExchangeRateAmount").decimalValue();
            if (relational.signum() != 0 && date.compareTo(latest.getOrDefault(code, "")) >= 0) {
                latest.put(code, date);
                // Dataverse wants units of this currency per one unit of the base currency.
                rates.put(code, rate.path("exchangeRateAmount").decimalValue().divide(relational, MathContext.DECIMAL64));
            }
        }
        connectors.dataverse().readAll("transactioncurrencies", null, "isocurrencycode").forEach(row -> crmByIsoCode.put(
                row.path("isocurrencycode").asText().toUpperCase(Locale.ROOT), row.path("transactioncurrencyid").asText()));
        store.couplings(connectors.profile().name(), DefaultMappings.CURRENCY).values()
                .forEach(coupling -> coupledCrmIds.add(coupling.crmId()));
    }

    @Override
    public String sourceKey(ObjectNode row) {
        return row.path("code").asText();
    }

    @Override
    public String match(ObjectNode row) {
        String id = crmByIsoCode.get(sourceKey(row).toUpperCase(Locale.ROOT));
        return id != null && coupledCrmIds.add(id) ? id : null;
    }

    @Override
    public ObjectNode transform(ObjectNode row) {
        String code = sourceKey(row);
        BigDecimal rate = rates.get(code.toUpperCase(Locale.ROOT));
        if (rate == null) {
            throw new RecordFailure("Currency " + code + " has no exchange rate in Business Central; add one under "
                    + "Currency Exchange Rates, then retry");
        }
        ObjectNode body = row.objectNode();
        body.put("isocurrencycode", code);
        body.put("currencyname", row.path("displayName").asText(code));
        String symbol = row.path("symbol").asText("");
        body.put("currencysymbol", symbol.isBlank() ? code : symbol);
        body.put("exchangerate", rate);
        // BC writes decimal places as "min:max", e.g. "2:2".
        String places = row.path("amountDecimalPlaces").asText("2");
        body.put("currencyprecision", Integer.parseInt(places.substring(places.indexOf(':') + 1).trim()));
        return body;
    }
}
