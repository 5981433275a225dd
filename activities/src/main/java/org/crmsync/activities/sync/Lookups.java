package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * Resolves the lookups of a mapping's field mappings the way BC does (bc-integration.md §3): a code
 * names a record of the parent mapping's BC table, and that record counts only through its coupling. A
 * blank code means no reference, or for a currency the local currency. Reads the parents once per chunk.
 */
final class Lookups {

    /**
     * @param codeByBcId    what the lookup's BC field holds for each record: its code, or its id
     * @param captionByBcId how a user knows each record: its code
     */
    private record Parent(Map<String, String> bcIdByCode, Map<String, String> codeByBcId,
                          Map<String, String> captionByBcId, Map<String, Coupling> couplings,
                          Map<String, String> bcIdByCrmId) {
    }

    private final Map<String, Parent> parents = new HashMap<>();
    private final Connectors connectors;
    private String localCurrencyId;

    Lookups(Connectors connectors, IntegrationStore store, TableMapping mapping) {
        this.connectors = connectors;
        String profile = connectors.profile().name();
        for (FieldMapping field : mapping.fields()) {
            FieldMapping.Lookup lookup = field.lookup();
            if (lookup == null || parents.containsKey(lookup.parentMapping())) {
                continue;
            }
            TableMapping parent = store.mapping(profile, lookup.parentMapping());
            Map<String, String> bcIdByCode = new HashMap<>();
            Map<String, String> codeByBcId = new HashMap<>();
            Map<String, String> captionByBcId = new HashMap<>();
            for (ObjectNode row : connectors.bc().readAll(parent.bc().entitySet(), null)) {
                String bcId = row.path("id").asText();
                bcIdByCode.put(row.path(lookup.parentCodeField()).asText(), bcId);
                codeByBcId.put(bcId, row.path(lookup.parentCodeField()).asText());
                captionByBcId.put(bcId, row.path(parent.bc().keyField()).asText());
            }
            Map<String, Coupling> couplings = store.couplings(profile, parent.name());
            Map<String, String> bcIdByCrmId = new HashMap<>();
            couplings.values().forEach(coupling -> bcIdByCrmId.put(coupling.crmId(), coupling.bcId()));
            parents.put(lookup.parentMapping(), new Parent(bcIdByCode, codeByBcId, captionByBcId, couplings,
                    bcIdByCrmId));
        }
    }

    /**
     * The id of the Dataverse row {@code code} refers to through {@code field}'s lookup; null for a blank code.
     *
     * @throws RecordFailure when the code names no record or one that is not coupled
     */
    String resolve(FieldMapping field, String code) {
        FieldMapping.Lookup lookup = field.lookup();
        if (code.isBlank() || code.equals(lookup.blank())) {
            return lookup.blankIsLocalCurrency() ? localCurrencyId() : null;
        }
        Parent parent = parents.get(lookup.parentMapping());
        String bcId = parent.bcIdByCode().get(code);
        if (bcId == null) {
            throw new RecordFailure(field.bcCaption() + " " + code + " does not exist in Business Central");
        }
        Coupling coupling = parent.couplings().get(bcId);
        if (coupling == null) {
            String hint = lookup.parentMapping().equals(DefaultMappings.SALESPEOPLE)
                    ? "couple the salesperson with a CRM user"
                    : "synchronize or couple the " + lookup.parentMapping() + " mapping first";
            throw new RecordFailure(caption(field) + " " + parent.captionByBcId().get(bcId) + " must be coupled to a "
                    + "Dataverse " + (lookup.toOption() ? "option" : "record") + " (" + hint + ")");
        }
        return coupling.crmId();
    }

    /**
     * The code (or id) of the BC record that the Dataverse row or option {@code crmId} is coupled with; blank for
     * no reference, and for the local currency when the lookup says a blank code means it.
     *
     * @throws RecordFailure when the row is not coupled, or its BC record is gone
     */
    String codeOf(FieldMapping field, String crmId) {
        FieldMapping.Lookup lookup = field.lookup();
        if (crmId.isBlank() || lookup.blankIsLocalCurrency() && crmId.equals(localCurrencyId())) {
            return lookup.blank();
        }
        Parent parent = parents.get(lookup.parentMapping());
        String bcId = parent.bcIdByCrmId().get(crmId);
        String code = bcId == null ? null : parent.codeByBcId().get(bcId);
        if (code == null) {
            String what = lookup.toOption() ? "option " + crmId + " of " + field.crmField() : field.crmField() + " " + crmId;
            throw new RecordFailure("The Dataverse " + what + " must be coupled to a Business Central record for "
                    + caption(field) + " (synchronize or couple the " + lookup.parentMapping() + " mapping first)");
        }
        return code;
    }

    /** How a user knows a lookup's BC field: one holding an id by what it refers to ("Payment Terms"). */
    private static String caption(FieldMapping field) {
        return field.lookup().byId() ? field.bcCaption().replaceFirst(" Id$", "") : field.bcCaption();
    }

    /** The Dataverse currency with the ISO code of BC's local currency, which a blank currency code means. */
    private String localCurrencyId() {
        if (localCurrencyId == null) {
            String lcy = connectors.profile().localCurrencyCode();
            String profile = connectors.profile().name();
            List<ObjectNode> local = connectors.dataverse().readAll("transactioncurrencies",
                    "isocurrencycode eq '" + lcy.replace("'", "''") + "'", "isocurrencycode");
            if (local.isEmpty()) {
                throw new ConfigurationFailure("Dataverse has no currency " + lcy + ", the local currency of profile "
                        + profile + "; add it in Dataverse or correct crmsync.profiles." + profile + ".local-currency-code");
            }
            localCurrencyId = local.get(0).path("transactioncurrencyid").asText();
        }
        return localCurrencyId;
    }
}
