package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Dataverse product needs beyond its field mappings: its default unit, which is the base unit of
 * the unit group its BC base unit of measure is coupled with, and a quantity on hand that is never
 * negative (bc-integration.md §2).
 */
final class ProductTransformation implements Transformation {

    private static final Pattern BOUND_ID = Pattern.compile("/uomschedules\\(([^)]+)\\)");

    private final Map<String, String> baseUnitBySchedule = new HashMap<>();

    ProductTransformation(Connectors connectors) {
        for (ObjectNode unit : connectors.dataverse().readAll("uoms", "isschedulebaseuom eq true",
                "uomid,_uomscheduleid_value")) {
            baseUnitBySchedule.put(unit.path("_uomscheduleid_value").asText(), unit.path("uomid").asText());
        }
    }

    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        if (row.path("quantityonhand").isNumber() && row.get("quantityonhand").decimalValue().signum() < 0) {
            row.put("quantityonhand", BigDecimal.ZERO);
        }
        Matcher schedule = BOUND_ID.matcher(row.path("defaultuomscheduleid@odata.bind").asText(""));
        if (!schedule.matches()) {
            throw new RecordFailure("Base Unit of Measure must be filled in to create a product in Dataverse");
        }
        String baseUnit = baseUnitBySchedule.get(schedule.group(1));
        if (baseUnit == null) {
            throw new RecordFailure("The Dataverse unit group of Base Unit of Measure "
                    + record.path("baseUnitOfMeasureCode").asText() + " has no base unit; synchronize UNIT OF MEASURE again");
        }
        row.put("defaultuomid@odata.bind", "/uoms(" + baseUnit + ")");
    }
}
