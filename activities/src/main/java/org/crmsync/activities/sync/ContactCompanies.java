package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * What a BC contact made of a Dataverse contact needs beyond its field mappings (bc-integration.md §2, CONTACT):
 * BC's single display name, the Person type, and its company, the company contact that BC's contact business
 * relations link with the customer or vendor coupled with the contact's account. The reverse of
 * {@link ContactTransformation}.
 */
final class ContactCompanies {

    /** The Dataverse columns a contact's company and name are made of. */
    static final List<String> COLUMNS = List.of("_parentcustomerid_value", "firstname", "lastname");

    /** The company contact of an account, or why there is none. */
    private record Company(String number, String failure) {
    }

    private final Connectors connectors;
    private final IntegrationStore store;
    private final Map<String, Company> companies = new HashMap<>();

    ContactCompanies(Connectors connectors, IntegrationStore store) {
        this.connectors = connectors;
        this.store = store;
    }

    /** Resolves the companies of the accounts of the page's new contacts: a few requests per page. */
    void prepare(List<ObjectNode> rows) {
        List<String> accounts = rows.stream().map(row -> row.path("_parentcustomerid_value").asText(""))
                .filter(id -> !id.isEmpty() && !companies.containsKey(id)).distinct().toList();
        if (accounts.isEmpty()) {
            return;
        }
        Map<String, String> linkOfAccount = new HashMap<>();
        link(accounts, DefaultMappings.CUSTOMER, "customers", "Customer", linkOfAccount);
        link(accounts, DefaultMappings.VENDOR, "vendors", "Vendor", linkOfAccount);
        Map<String, String> companyOfLink = new HashMap<>();
        List<String> numbers = linkOfAccount.values().stream().map(link -> link.substring(link.indexOf(' ') + 1))
                .distinct().toList();
        for (ObjectNode relation : AnyOf.read("linkNumber", numbers, true,
                anyOf -> connectors.bc().readAll("contactBusinessRelations", anyOf))) {
            companyOfLink.putIfAbsent(relation.path("linkToTable").asText() + " " + relation.path("linkNumber").asText(),
                    relation.path("contactNumber").asText());
        }
        for (String account : accounts) {
            String link = linkOfAccount.get(account);
            String company = link == null ? null : companyOfLink.get(link);
            companies.put(account, company != null ? new Company(company, null) : new Company(null, link == null
                    ? "The Dataverse account " + account + " must be coupled to a Business Central customer or vendor "
                    + "(synchronize or couple the " + DefaultMappings.CUSTOMER + " or " + DefaultMappings.VENDOR
                    + " mapping first)"
                    : link + " has no company contact in Business Central (no contact business relation), so the "
                    + "contact has no company to belong to; create the company contact for it in Business Central"));
        }
    }

    /** Maps each of {@code accounts} that is coupled in {@code mapping} to "Customer C00010" or "Vendor V00010". */
    private void link(List<String> accounts, String mapping, String entitySet, String linkToTable,
                      Map<String, String> linkOfAccount) {
        Map<String, Coupling> coupled = store.couplings(connectors.profile().name(), mapping, accounts, true);
        Map<String, String> accountOfBcId = new HashMap<>();
        coupled.forEach((account, coupling) -> accountOfBcId.put(coupling.bcId(), account));
        for (ObjectNode record : AnyOf.read("id", new ArrayList<>(accountOfBcId.keySet()), false,
                anyOf -> connectors.bc().readAll(entitySet, anyOf))) {
            linkOfAccount.put(accountOfBcId.get(record.path("id").asText()),
                    linkToTable + " " + record.path("number").asText());
        }
    }

    /**
     * Completes the BC fields of a new contact made of {@code row}.
     *
     * @throws RecordFailure when its account has no company contact in BC
     */
    void complete(ObjectNode row, ObjectNode body) {
        Company company = companies.get(row.path("_parentcustomerid_value").asText(""));
        if (company == null || company.number() == null) {
            throw new RecordFailure(company == null ? "the contact has no parent account" : company.failure());
        }
        body.put("type", "Person");
        body.put("displayName", (row.path("firstname").asText("") + " " + row.path("lastname").asText("")).strip());
        body.put("companyNumber", company.number());
    }
}
