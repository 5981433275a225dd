package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a Dataverse currency needs beyond its field mappings: the exchange rate from BC's latest currency
 * exchange rate, the precision from BC's decimal places, and a symbol even when BC has none.
 */
final class CurrencyTransformation implements Transformation {

    private final Map<String, BigDecimal> rates = new HashMap<>();

    CurrencyTransformation(Connectors connectors) {
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
    }

    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        String code = record.path("code").asText();
        BigDecimal rate = rates.get(code.toUpperCase(Locale.ROOT));
        if (rate == null) {
            throw new RecordFailure("Currency " + code + " has no exchange rate in Business Central; add one under "
                    + "Currency Exchange Rates, then retry");
        }
        row.put("exchangerate", rate);
        if (row.path("currencysymbol").isNull()) {
            row.put("currencysymbol", code);
        }
        // BC writes decimal places as "min:max", e.g. "2:2".
        String places = record.path("amountDecimalPlaces").asText("2");
        row.put("currencyprecision", Integer.parseInt(places.substring(places.indexOf(':') + 1).trim()));
    }
}
