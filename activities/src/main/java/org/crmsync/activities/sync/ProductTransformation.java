package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * What a Dataverse product needs beyond its field mappings: its default unit, which is the base unit of
 * the unit group its BC base unit of measure is coupled with, and a quantity on hand that is never
 * negative (bc-integration.md §2).
 */
final class ProductTransformation implements Transformation {

    private final BaseUnitTransformation defaultUnit;

    ProductTransformation(Connectors connectors) {
        this.defaultUnit = new BaseUnitTransformation(connectors, "defaultuomscheduleid", "defaultuomid",
                "baseUnitOfMeasureCode", "Base Unit of Measure", "a product");
    }

    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        if (row.path("quantityonhand").isNumber() && row.get("quantityonhand").decimalValue().signum() < 0) {
            row.put("quantityonhand", BigDecimal.ZERO);
        }
        defaultUnit.apply(record, row);
    }
}
