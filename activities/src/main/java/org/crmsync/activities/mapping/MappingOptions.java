package org.crmsync.activities.mapping;

import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SalesOrderIntegration;

/**
 * The setup guide's options that shape the default mappings (bc-integration.md §1, §8). A null option is one
 * the user did not choose: {@link #over} fills it from the options a profile has.
 */
public record MappingOptions(SalesOrderIntegration salesOrders, OwnershipModel ownership) {

    /** crmsync's defaults: legacy sales orders, Person ownership. */
    public static final MappingOptions DEFAULT = new MappingOptions(SalesOrderIntegration.LEGACY, OwnershipModel.PERSON);

    /** The options a profile's {@code mappings} were written with. */
    public static MappingOptions of(List<TableMapping> mappings) {
        boolean bidirectionalOrders = mappings.stream().anyMatch(mapping -> mapping.name()
                .equals(DefaultMappings.SALESORDER_ORDER) && mapping.direction() == Direction.BIDIRECTIONAL);
        boolean salespeople = mappings.stream().anyMatch(mapping -> mapping.name().equals(DefaultMappings.SALESPEOPLE));
        return new MappingOptions(bidirectionalOrders ? SalesOrderIntegration.BIDIRECTIONAL
                : SalesOrderIntegration.LEGACY, salespeople ? OwnershipModel.PERSON : OwnershipModel.TEAM);
    }

    /** These options, with {@code current}'s where none was chosen. */
    public MappingOptions over(MappingOptions current) {
        return new MappingOptions(salesOrders != null ? salesOrders : current.salesOrders(),
                ownership != null ? ownership : current.ownership());
    }

    /** What a user reads in the setup guide. */
    public String describe() {
        return "sales orders: " + (salesOrders == SalesOrderIntegration.BIDIRECTIONAL ? "bidirectional"
                : "legacy, BC to Sales only") + "; ownership: " + (ownership == OwnershipModel.TEAM
                ? "Team (rows belong to the integration's team; salespeople are not synchronized)"
                : "Person (owners follow the salespeople)");
    }
}
