package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * What a Dataverse opportunity needs beyond its field mappings (bc-integration.md §2, OPPORTUNITY): the account
 * of its contact's company, which is the parent account the coupled Dataverse contact already has. The contact
 * itself resolves through its field mapping, which fails the record when the contact is not coupled.
 */
final class OpportunityTransformation implements Transformation {

    private final Connectors connectors;
    private final IntegrationStore store;
    /** The parent account of each BC contact number's Dataverse contact, where it has one. */
    private final Map<String, String> accountByContact = new HashMap<>();

    OpportunityTransformation(Connectors connectors, IntegrationStore store) {
        this.connectors = connectors;
        this.store = store;
    }

    /** Finds the accounts of the page's contacts: a few requests per page rather than some per opportunity. */
    @Override
    public void prepare(List<ObjectNode> records) {
        List<String> numbers = records.stream().map(record -> record.path("contactNumber").asText())
                .filter(number -> !number.isEmpty() && !accountByContact.containsKey(number)).distinct().toList();
        if (numbers.isEmpty()) {
            return;
        }
        Map<String, String> numberByBcId = new HashMap<>();
        for (ObjectNode contact : AnyOf.read("number", numbers, true,
                anyOf -> connectors.bc().readAll("contacts", anyOf))) {
            numberByBcId.put(contact.path("id").asText(), contact.path("number").asText());
        }
        Map<String, String> numberByCrmId = new HashMap<>();
        for (Coupling coupling : store.couplings(connectors.profile().name(), DefaultMappings.CONTACT,
                numberByBcId.keySet(), false).values()) {
            numberByCrmId.put(coupling.crmId(), numberByBcId.get(coupling.bcId()));
        }
        for (ObjectNode contact : AnyOf.read("contactid", numberByCrmId.keySet(), false, anyOf -> connectors.dataverse()
                .readAll("contacts", anyOf, "contactid,_parentcustomerid_value"))) {
            String account = contact.path("_parentcustomerid_value").asText("");
            if (!account.isEmpty()) {
                accountByContact.put(numberByCrmId.get(contact.path("contactid").asText()), account);
            }
        }
    }

    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        String account = accountByContact.get(record.path("contactNumber").asText());
        if (account != null) {
            row.put("parentaccountid@odata.bind", "/accounts(" + account + ")");
        }
    }
}
