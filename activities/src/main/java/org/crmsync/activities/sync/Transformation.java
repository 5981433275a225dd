package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.store.IntegrationStore;

/**
 * A step after the field mappings that computes what none of them can, named by a mapping's
 * {@code transformation} (like the subscribers BC's own mappings rely on).
 */
interface Transformation {

    /** Reads what the page's {@code records} will need at once, before any of them is applied. */
    default void prepare(List<ObjectNode> records) {
    }

    /** Completes {@code row}, the destination fields of {@code record}. */
    void apply(ObjectNode record, ObjectNode row);

    static Transformation named(String name, Connectors connectors, IntegrationStore store) {
        if (name == null) {
            return (record, row) -> { };
        }
        if (name.equals(DefaultMappings.CURRENCY)) {
            return new CurrencyTransformation(connectors);
        }
        if (name.equals(DefaultMappings.ITEM_PRODUCT)) {
            return new ProductTransformation(connectors);
        }
        if (name.equals(DefaultMappings.PLLINE_PRODPRICE)) {
            return new BaseUnitTransformation(connectors, "uomscheduleid", "uomid", "unitOfMeasureCode",
                    "Unit of Measure Code", "a price list item");
        }
        if (name.equals(DefaultMappings.OPPORTUNITY)) {
            return new OpportunityTransformation(connectors, store);
        }
        if (name.equals(DefaultMappings.CONTACT)) {
            return new ContactTransformation(connectors, store);
        }
        throw new IllegalArgumentException("There is no transformation named " + name);
    }
}
