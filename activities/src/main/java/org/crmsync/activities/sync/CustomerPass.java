package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * CUSTOMER: BC customers → Dataverse accounts (bc-integration.md §2). The currency and the owner are
 * lookups that resolve only through the CURRENCY and SALESPEOPLE couplings, which is why those mappings
 * run first; a blank currency means the local currency (§3).
 */
final class CustomerPass extends ToDataversePass {

    static final String EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
    /** Dataverse's customertypecode for a customer. */
    private static final int CUSTOMER_TYPE = 3;

    private final Map<String, String> salespersonIdByCode = new HashMap<>();
    private final Map<String, Coupling> salespeople;
    private final Map<String, Coupling> currencies;
    private final String localCurrencyId;

    CustomerPass(Connectors connectors, IntegrationStore store) {
        super(connectors, "customers", "blocked eq ' '", "accounts", "account", "accountid", true);
        String profile = connectors.profile().name();
        connectors.bc().readAll("salespeoplePurchasers", null)
                .forEach(row -> salespersonIdByCode.put(row.path("code").asText(), row.path("id").asText()));
        salespeople = store.couplings(profile, DefaultMappings.SALESPEOPLE);
        currencies = store.couplings(profile, DefaultMappings.CURRENCY);
        String lcy = connectors.profile().localCurrencyCode();
        List<ObjectNode> local = connectors.dataverse().readAll("transactioncurrencies",
                "isocurrencycode eq '" + lcy.replace("'", "''") + "'", "isocurrencycode");
        if (local.isEmpty()) {
            throw new ConfigurationFailure("Dataverse has no currency " + lcy + ", the local currency of profile "
                    + profile + "; add it in Dataverse or correct crmsync.profiles." + profile + ".local-currency-code");
        }
        localCurrencyId = local.get(0).path("transactioncurrencyid").asText();
    }

    @Override
    public String sourceKey(ObjectNode row) {
        return row.path("number").asText();
    }

    @Override
    public ObjectNode transform(ObjectNode row) {
        ObjectNode account = row.objectNode();
        account.put("name", row.path("displayName").asText());
        account.put("accountnumber", row.path("number").asText());
        putText(account, "address1_line1", row, "addressLine1");
        putText(account, "address1_line2", row, "addressLine2");
        putText(account, "address1_city", row, "city");
        putText(account, "address1_stateorprovince", row, "state");
        putText(account, "address1_postalcode", row, "postalCode");
        putText(account, "address1_country", row, "country");
        putText(account, "telephone1", row, "phoneNumber");
        putText(account, "emailaddress1", row, "email");
        putText(account, "websiteurl", row, "website");
        account.put("creditlimit", row.path("creditLimit").decimalValue());
        account.put("customertypecode", CUSTOMER_TYPE);
        account.put("transactioncurrencyid@odata.bind", "/transactioncurrencies(" + currencyOf(row) + ")");
        String owner = ownerOf(row);
        if (owner != null) {
            account.put("ownerid@odata.bind", "/systemusers(" + owner + ")");
        }
        return account;
    }

    private String currencyOf(ObjectNode row) {
        String currencyId = row.path("currencyId").asText(EMPTY_GUID);
        if (currencyId.isEmpty() || currencyId.equals(EMPTY_GUID)) {
            return localCurrencyId;
        }
        Coupling coupling = currencies.get(currencyId);
        if (coupling == null) {
            throw new RecordFailure("Currency Code " + row.path("currencyCode").asText(currencyId)
                    + " must be coupled to a Dataverse record (run the CURRENCY mapping first)");
        }
        return coupling.crmId();
    }

    /** The salesperson's CRM user; null for a blank salesperson, which leaves the owner as it is (§6). */
    private String ownerOf(ObjectNode row) {
        String code = row.path("salespersonCode").asText("");
        if (code.isBlank()) {
            return null;
        }
        String salespersonId = salespersonIdByCode.get(code);
        if (salespersonId == null) {
            throw new RecordFailure("Salesperson Code " + code + " does not exist in Business Central");
        }
        Coupling coupling = salespeople.get(salespersonId);
        if (coupling == null) {
            throw new RecordFailure("Salesperson Code " + code + " must be coupled to a Dataverse record "
                    + "(couple the salesperson with a CRM user)");
        }
        return coupling.crmId();
    }
}
