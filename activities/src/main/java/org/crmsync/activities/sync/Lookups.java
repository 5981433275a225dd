package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * Resolves the lookups of a mapping's field mappings the way BC does (bc-integration.md §3): a code
 * names a record of the parent mapping's BC table, and that record counts only through its coupling. A
 * blank code means no reference, or for a currency the local currency. Before each page it reads the parent
 * records and couplings that the page's records refer to and it does not know yet, so that a lookup to a large
 * table (the customers of an invoice, the contacts of an opportunity) costs a few requests per page rather than
 * the whole table.
 */
final class Lookups {

    /** What is known so far of a parent mapping's records. */
    private static final class Parent {

        final TableMapping mapping;
        /** What the lookup's BC field holds for each record: its code, or its id. */
        final String codeField;
        final Map<String, String> bcIdByCode = new HashMap<>();
        final Map<String, String> codeByBcId = new HashMap<>();
        /** How a user knows each record: its code. */
        final Map<String, String> captionByBcId = new HashMap<>();
        final Map<String, Coupling> couplings = new HashMap<>();
        final Map<String, String> bcIdByCrmId = new HashMap<>();
        /** Codes and Dataverse ids asked for already, found or not. */
        final Set<String> codesAsked = new HashSet<>();
        final Set<String> crmIdsAsked = new HashSet<>();

        Parent(TableMapping mapping, String codeField) {
            this.mapping = mapping;
            this.codeField = codeField;
        }

        void add(ObjectNode record) {
            String bcId = record.path("id").asText();
            bcIdByCode.put(record.path(codeField).asText(), bcId);
            codeByBcId.put(bcId, record.path(codeField).asText());
            captionByBcId.put(bcId, record.path(mapping.bc().keyField()).asText());
        }

        void add(Coupling coupling) {
            couplings.put(coupling.bcId(), coupling);
            bcIdByCrmId.put(coupling.crmId(), coupling.bcId());
        }
    }

    private final Map<String, Parent> parents = new HashMap<>();
    private final Connectors connectors;
    private final IntegrationStore store;
    private String localCurrencyId;

    Lookups(Connectors connectors, IntegrationStore store, TableMapping mapping) {
        this.connectors = connectors;
        this.store = store;
        String profile = connectors.profile().name();
        for (FieldMapping field : mapping.fields()) {
            FieldMapping.Lookup lookup = field.lookup();
            if (lookup != null && !parents.containsKey(lookup.parentMapping())) {
                parents.put(lookup.parentMapping(), new Parent(store.mapping(profile, lookup.parentMapping()),
                        lookup.parentCodeField()));
            }
        }
    }

    /**
     * Reads what the lookups {@code fields} of {@code records} need and is not known yet.
     *
     * @param fromBc whether the records are BC's (their fields hold codes) or Dataverse's (their columns hold ids)
     * @param column the column of a lookup that holds its value in a Dataverse row
     */
    void prepare(List<ObjectNode> records, List<FieldMapping> fields, boolean fromBc,
                 Function<FieldMapping, String> column) {
        String profile = connectors.profile().name();
        for (FieldMapping field : fields) {
            if (field.lookup() == null) {
                continue;
            }
            Parent parent = parents.get(field.lookup().parentMapping());
            String blank = field.lookup().blank();
            List<String> values = records.stream()
                    .map(record -> record.path(fromBc ? field.bcField() : column.apply(field)).asText(""))
                    .filter(value -> !value.isBlank() && !value.equals(blank)).distinct()
                    .filter(value -> (fromBc ? parent.codesAsked : parent.crmIdsAsked).add(value)).toList();
            if (values.isEmpty()) {
                continue;
            }
            String entitySet = parent.mapping.bc().entitySet();
            if (fromBc) {
                AnyOf.read(parent.codeField, values, !field.lookup().byId(),
                        anyOf -> connectors.bc().readAll(entitySet, anyOf)).forEach(parent::add);
                store.couplings(profile, parent.mapping.name(), values.stream().map(parent.bcIdByCode::get)
                        .filter(id -> id != null).toList(), false).values().forEach(parent::add);
            } else {
                Collection<Coupling> coupled = store.couplings(profile, parent.mapping.name(), values, true).values();
                coupled.forEach(parent::add);
                AnyOf.read("id", coupled.stream().map(Coupling::bcId).toList(), false,
                        anyOf -> connectors.bc().readAll(entitySet, anyOf)).forEach(parent::add);
            }
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
        String bcId = parent.bcIdByCode.get(code);
        if (bcId == null) {
            throw new RecordFailure(field.bcCaption() + " " + code + " does not exist in Business Central");
        }
        Coupling coupling = parent.couplings.get(bcId);
        if (coupling == null) {
            String hint = lookup.parentMapping().equals(DefaultMappings.SALESPEOPLE)
                    ? "couple the salesperson with a CRM user"
                    : "synchronize or couple the " + lookup.parentMapping() + " mapping first";
            throw new RecordFailure(caption(field) + " " + parent.captionByBcId.get(bcId) + " must be coupled to a "
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
        String bcId = parent.bcIdByCrmId.get(crmId);
        String code = bcId == null ? null : parent.codeByBcId.get(bcId);
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
