package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * What a Dataverse contact needs beyond its field mappings (bc-integration.md §2, CONTACT): a first and a
 * last name, which BC keeps as one display name, and the account it belongs to. That account is the one
 * coupled with the customer or vendor that the contact's company is related to, which BC keeps in its
 * contact business relations; a contact whose company is neither, or whose customer is not coupled, fails.
 */
final class ContactTransformation implements Transformation {

    /** The account of a company contact, or why there is none. */
    private record Parent(String accountId, String failure) {
    }

    private final Connectors connectors;
    private final IntegrationStore store;
    private final Map<String, Parent> parents = new HashMap<>();

    ContactTransformation(Connectors connectors, IntegrationStore store) {
        this.connectors = connectors;
        this.store = store;
    }

    /** Resolves the accounts of the page's companies: a few requests per page rather than one per contact. */
    @Override
    public void prepare(List<ObjectNode> records) {
        List<String> companies = records.stream().map(record -> record.path("companyNumber").asText())
                .filter(number -> !number.isEmpty() && !parents.containsKey(number)).distinct().toList();
        if (companies.isEmpty()) {
            return;
        }
        Map<String, ObjectNode> relations = new HashMap<>();
        for (ObjectNode relation : AnyOf.read("contactNumber", companies, true,
                anyOf -> connectors.bc().readAll("contactBusinessRelations", anyOf))) {
            String table = relation.path("linkToTable").asText();
            if (table.equals("Customer") || table.equals("Vendor")) {
                relations.putIfAbsent(relation.path("contactNumber").asText(), relation);
            }
        }
        Map<String, String> customerIds = bcIds("customers", relations, "Customer");
        Map<String, String> vendorIds = bcIds("vendors", relations, "Vendor");
        String profile = connectors.profile().name();
        Map<String, Coupling> customers = store.couplings(profile, DefaultMappings.CUSTOMER, customerIds.values(), false);
        Map<String, Coupling> vendors = store.couplings(profile, DefaultMappings.VENDOR, vendorIds.values(), false);
        for (String company : companies) {
            ObjectNode relation = relations.get(company);
            if (relation == null) {
                parents.put(company, new Parent(null, "Company No. " + company + " is neither a customer nor a vendor, "
                        + "so the contact has no account to belong to in Dataverse"));
                continue;
            }
            boolean customer = relation.path("linkToTable").asText().equals("Customer");
            String number = relation.path("linkNumber").asText();
            String bcId = (customer ? customerIds : vendorIds).get(number);
            Coupling coupling = bcId == null ? null : (customer ? customers : vendors).get(bcId);
            String what = (customer ? "Customer " : "Vendor ") + number;
            parents.put(company, coupling != null ? new Parent(coupling.crmId(), null)
                    : new Parent(null, what + " of Company No. " + company + " must be coupled to a Dataverse account "
                    + "(synchronize or couple the " + (customer ? DefaultMappings.CUSTOMER : DefaultMappings.VENDOR)
                    + " mapping first)"));
        }
    }

    /** The BC ids of the customers or vendors that {@code relations} of that kind link to, by number. */
    private Map<String, String> bcIds(String entitySet, Map<String, ObjectNode> relations, String linkToTable) {
        List<String> numbers = relations.values().stream()
                .filter(relation -> relation.path("linkToTable").asText().equals(linkToTable))
                .map(relation -> relation.path("linkNumber").asText()).toList();
        Map<String, String> ids = new HashMap<>();
        for (ObjectNode row : AnyOf.read("number", numbers, true,
                anyOf -> connectors.bc().readAll(entitySet, anyOf))) {
            ids.put(row.path("number").asText(), row.path("id").asText());
        }
        return ids;
    }

    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        String name = record.path("displayName").asText().strip();
        int space = name.lastIndexOf(' ');
        row.put("firstname", space < 0 ? null : name.substring(0, space).strip());
        row.put("lastname", space < 0 ? name : name.substring(space + 1));
        Parent parent = parents.get(record.path("companyNumber").asText());
        if (parent == null || parent.accountId() == null) {
            throw new RecordFailure(parent == null ? "Company No. must be filled in" : parent.failure());
        }
        row.put("parentcustomerid_account@odata.bind", "/accounts(" + parent.accountId() + ")");
    }
}
