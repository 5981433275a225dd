package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * What a Dataverse product needs beyond its field mappings: its default unit, which is the base unit of
 * the unit group its BC base unit of measure is coupled with, and a quantity on hand that is never
 * negative (bc-integration.md §2).
 */
final class ProductTransformation implements Transformation {

    static final String QUANTITY_ON_HAND = "quantityonhand";

    private final BaseUnitTransformation defaultUnit;

    ProductTransformation(Connectors connectors) {
        this.defaultUnit = new BaseUnitTransformation(connectors, "defaultuomscheduleid", "defaultuomid",
                "baseUnitOfMeasureCode", "Base Unit of Measure", "a product");
    }

    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        if (row.path(QUANTITY_ON_HAND).isNumber()) {
            row.put(QUANTITY_ON_HAND, quantityOnHand(row.get(QUANTITY_ON_HAND).decimalValue()));
        }
        defaultUnit.apply(record, row);
    }

    /** A product's quantity on hand for an inventory: BC's negative inventories become 0. */
    static BigDecimal quantityOnHand(BigDecimal inventory) {
        return inventory.signum() < 0 ? BigDecimal.ZERO : inventory;
    }
}
