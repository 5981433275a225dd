package org.crmsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.odata.Filter;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;

/**
 * What a full sync left behind, checked without the engine's counters: for every mapping that writes to
 * Dataverse, the BC records within its filter against the Dataverse rows within its filter (for an option
 * mapping, the options of its choice column), as the emulators hold them, and the store's couplings between
 * the two.
 */
final class FullSyncAudit {

    /**
     * One mapping's audit.
     *
     * @param records         BC records within the mapping's filter
     * @param duplicates      Dataverse rows the sync created that no coupling accounts for, plus rows coupled twice
     * @param missing         BC records neither coupled nor recorded as failed
     * @param dangling        couplings to a BC record or a Dataverse row that does not exist
     * @param fieldMismatches coupled pairs whose plain mapped fields disagree
     * @param counterErrors   how far the review's inserted + coupled is from the couplings there are
     */
    record Line(String mapping, long records, long duplicates, long missing, long dangling, long fieldMismatches,
                long counterErrors) {
    }

    private FullSyncAudit() {
    }

    /** The keys of the Dataverse rows each mapping writes to, before a sync: rows already there are no duplicates. */
    static Map<String, Set<String>> crmKeys(Emulators emulators, List<TableMapping> mappings) {
        Map<String, Set<String>> keys = new HashMap<>();
        for (TableMapping mapping : mappings) {
            keys.put(mapping.name(), crmRows(emulators, mapping).stream()
                    .map(row -> row.path(mapping.crm().key()).asText()).collect(Collectors.toSet()));
        }
        return keys;
    }

    /** The rows of the mapping's Dataverse side: a table's, or for an option mapping its choice column's options. */
    private static List<ObjectNode> crmRows(Emulators emulators, TableMapping mapping) {
        TableMapping.CrmTable crm = mapping.crm();
        if (!crm.isChoice()) {
            return emulators.dataverse().rows(crm.entitySet());
        }
        List<ObjectNode> options = new ArrayList<>();
        emulators.dataverse().options(crm.entitySet(), crm.choiceColumn()).forEach((value, label) -> {
            ObjectNode option = JsonNodeFactory.instance.objectNode();
            option.put(TableMapping.CrmTable.OPTION_VALUE, value);
            option.put(TableMapping.CrmTable.OPTION_LABEL, label);
            options.add(option);
        });
        return options;
    }

    static List<Line> of(Emulators emulators, IntegrationStore store, String profile, SyncProgress review,
                         Map<String, Set<String>> crmKeysBefore) {
        return store.mappings(profile).stream().filter(mapping -> mapping.direction() != Direction.FROM_INTEGRATION_TABLE)
                .map(mapping -> audit(emulators, store, profile, mapping, review, crmKeysBefore.get(mapping.name())))
                .toList();
    }

    private static Line audit(Emulators emulators, IntegrationStore store, String profile, TableMapping mapping,
                              SyncProgress review, Set<String> before) {
        List<ObjectNode> bcAll = emulators.bc().rows(DemoCompany.COMPANY_ID, mapping.bc().entitySet());
        Map<String, ObjectNode> bc = new HashMap<>();
        bcAll.stream().filter(filter(mapping.bc().filter())).forEach(row -> bc.put(row.path("id").asText(), row));
        Map<String, ObjectNode> crmAll = new HashMap<>();
        crmRows(emulators, mapping).forEach(row -> crmAll.put(row.path(mapping.crm().key()).asText(), row));
        Set<String> bcIds = bcAll.stream().map(row -> row.path("id").asText()).collect(Collectors.toSet());
        Map<String, Coupling> couplings = store.couplings(profile, mapping.name());
        Set<String> failed = store.failures(profile, mapping.name(), Direction.TO_INTEGRATION_TABLE).stream()
                .map(FailedRecord::sourceId).collect(Collectors.toSet());

        long missing = bc.keySet().stream().filter(id -> !couplings.containsKey(id) && !failed.contains(id)).count();
        long dangling = couplings.values().stream()
                .filter(c -> !crmAll.containsKey(c.crmId()) || !bcIds.contains(c.bcId())).count();
        Set<String> coupledRows = new HashSet<>();
        long coupledTwice = couplings.values().stream().filter(c -> !coupledRows.add(c.crmId())).count();
        Predicate<ObjectNode> crmFilter = filter(mapping.crm().filter());
        long uncoupledNewRows = crmAll.entrySet().stream().filter(row -> crmFilter.test(row.getValue()))
                .map(Map.Entry::getKey).filter(key -> !coupledRows.contains(key) && !before.contains(key)).count();
        long fieldMismatches = couplings.values().stream().filter(c -> bc.containsKey(c.bcId())
                && crmAll.containsKey(c.crmId()) && !agree(mapping, bc.get(c.bcId()), crmAll.get(c.crmId()))).count();
        ReviewLine line = review.lines().stream().filter(l -> l.name().equals(mapping.name())).findFirst().orElseThrow();
        long counterErrors = Math.abs(couplings.size() - (line.counters().inserted() + line.counters().coupled()));
        return new Line(mapping.name(), bc.size(), uncoupledNewRows + coupledTwice, missing, dangling, fieldMismatches,
                counterErrors);
    }

    /** Whether every plain field the mapping writes to Dataverse holds the BC value: text as text, numbers as numbers. */
    private static boolean agree(TableMapping mapping, ObjectNode bcRecord, ObjectNode crmRow) {
        for (FieldMapping field : mapping.fields()) {
            boolean plain = field.bcField() != null && field.crmField() != null && field.lookup() == null
                    && field.constantValue() == null && field.direction() != Direction.FROM_INTEGRATION_TABLE;
            if (plain && !same(expected(field, bcRecord), crmRow.get(field.crmField()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The BC value as the mapping writes it: a transformation writes two columns itself (bc-integration.md §2) —
     * a product's quantity on hand is never negative, and a currency without a symbol gets its code.
     */
    private static JsonNode expected(FieldMapping field, ObjectNode bcRecord) {
        JsonNode value = bcRecord.get(field.bcField());
        if (field.crmField().equals("quantityonhand") && value != null && value.isNumber()
                && value.decimalValue().signum() < 0) {
            return DecimalNode.valueOf(BigDecimal.ZERO);
        }
        if (field.crmField().equals("currencysymbol") && (value == null || value.isNull())) {
            return bcRecord.get("code");
        }
        return value;
    }

    private static boolean same(JsonNode bcValue, JsonNode crmValue) {
        String a = bcValue == null || bcValue.isNull() ? "" : bcValue.asText();
        String b = crmValue == null || crmValue.isNull() ? "" : crmValue.asText();
        if (bcValue != null && bcValue.isNumber() && crmValue != null && crmValue.isNumber()) {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        }
        return a.equals(b);
    }

    private static Predicate<ObjectNode> filter(String odataFilter) {
        return odataFilter == null || odataFilter.isBlank() ? row -> true : Filter.parse(odataFilter, column -> true);
    }
}
