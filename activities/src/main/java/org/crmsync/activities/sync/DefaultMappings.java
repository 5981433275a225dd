package org.crmsync.activities.sync;

import java.util.List;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.workflows.plan.Direction;

/**
 * The default integration table mappings (bc-integration.md §2, Person ownership model). So far the
 * three of the foundation slice: SALESPEOPLE, CURRENCY and CUSTOMER.
 */
final class DefaultMappings {

    static final String SALESPEOPLE = "SALESPEOPLE";
    static final String CURRENCY = "CURRENCY";
    static final String CUSTOMER = "CUSTOMER";

    private static final List<MappingDefinition> ALL = List.of(
            new MappingDefinition(SALESPEOPLE, Direction.FROM_INTEGRATION_TABLE, "",
                    "salespeoplePurchasers", null, "systemusers", "systemuserid", SalespeoplePass.USER_FILTER,
                    SalespeoplePass::new),
            new MappingDefinition(CURRENCY, Direction.TO_INTEGRATION_TABLE, "",
                    "currencies", null, "transactioncurrencies", "transactioncurrencyid", null,
                    CurrencyPass::new),
            new MappingDefinition(CUSTOMER, Direction.TO_INTEGRATION_TABLE,
                    "SALESPEOPLE|CURRENCY|PAYMENT TERMS|SHIPMENT METHOD|SHIPPING AGENT",
                    "customers", "blocked eq ' '", "accounts", "accountid", "customertypecode eq 3",
                    CustomerPass::new));

    private DefaultMappings() {
    }

    static List<MappingDefinition> all() {
        return ALL;
    }

    static MappingDefinition get(String name) {
        return ALL.stream().filter(mapping -> mapping.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigurationFailure("there is no integration table mapping " + name));
    }
}
