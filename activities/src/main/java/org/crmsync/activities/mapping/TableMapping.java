package org.crmsync.activities.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crmsync.workflows.plan.Direction;

/**
 * An integration table mapping (BC's table 5335, bc-integration.md §4): which BC entity set is kept in
 * step with which Dataverse table, in which direction, after which other mappings, and field by field how.
 *
 * @param dependencyFilter        parent mappings separated by {@code |}, exactly as BC writes it
 * @param synchOnlyCoupledRecords when set, an incremental sync leaves uncoupled records alone; a full sync
 *                                inserts them regardless (§5)
 * @param matchWhileSyncing       an uncoupled record is first coupled with the destination row whose match
 *                                fields agree, as BC does for currencies; otherwise matching is a separate tool
 * @param transformation          the name of a transformation that computes what no single field mapping can
 *                                (see {@code Transformations}), or null
 * @param deletionConflict        what happens to a coupled record whose counterpart was deleted
 * @param updateConflict          what happens to a record changed on both sides since the last synchronization
 */
public record TableMapping(String name, Direction direction, String dependencyFilter, BcTable bc, CrmTable crm,
                           List<FieldMapping> fields, boolean synchOnlyCoupledRecords, boolean matchWhileSyncing,
                           String transformation, DeletionConflict deletionConflict, UpdateConflict updateConflict) {

    /**
     * The BC side: every v2.0 record has an {@code id} and a {@code lastModifiedDateTime}.
     *
     * @param keyField the field a user knows a record by: a number or a code
     */
    public record BcTable(String entitySet, String filter, String keyField) {
    }

    /**
     * The Dataverse side: a table, or for an option mapping the options of one of its choice columns.
     *
     * @param keyField         the column a user knows a row by: an account number, an e-mail
     * @param supportsMultiple whether the table has the UpsertMultiple action (apis.md A6)
     * @param choiceColumn     for an option mapping, the choice column whose options are the rows; null otherwise
     */
    public record CrmTable(String entitySet, String logicalName, String key, String keyField, String filter,
                           boolean supportsMultiple, String choiceColumn) {

        /** An option's number, the key of an option mapping's rows. */
        public static final String OPTION_VALUE = "Value";
        /** An option's label, which an option mapping writes and matches on. */
        public static final String OPTION_LABEL = "Label";

        public CrmTable(String entitySet, String logicalName, String key, String keyField, String filter,
                        boolean supportsMultiple) {
            this(entitySet, logicalName, key, keyField, filter, supportsMultiple, null);
        }

        /** The options of {@code logicalName}'s choice column {@code column}, each a row with a value and a label. */
        public static CrmTable choice(String entitySet, String logicalName, String column) {
            return new CrmTable(entitySet, logicalName, OPTION_VALUE, OPTION_LABEL, null, false, column);
        }

        public boolean isChoice() {
            return choiceColumn != null;
        }
    }

    /** The same mapping with other conflict resolutions, as a user sets them. */
    public TableMapping withResolutions(DeletionConflict deletion, UpdateConflict update) {
        return new TableMapping(name, direction, dependencyFilter, bc, crm, fields, synchOnlyCoupledRecords,
                matchWhileSyncing, transformation, deletion, update);
    }

    /** The same mapping with other field mappings and dependencies, as the setup's options shape it. */
    public TableMapping withFields(List<FieldMapping> fields, String dependencyFilter) {
        return new TableMapping(name, direction, dependencyFilter, bc, crm, fields, synchOnlyCoupledRecords,
                matchWhileSyncing, transformation, deletionConflict, updateConflict);
    }

    public List<String> dependsOn() {
        return dependencyFilter.isEmpty() ? List.of()
                : Arrays.stream(dependencyFilter.split("\\|")).map(String::trim).toList();
    }

    /**
     * Whether rows last modified by the integration user are left out when reading Dataverse: on a
     * bidirectional mapping with no one-way Dataverse → BC field, such a row can only be an echo of what the
     * integration wrote (bc-integration.md §6, step 3).
     */
    public boolean filtersEchoes() {
        return direction == Direction.BIDIRECTIONAL
                && fields.stream().noneMatch(field -> field.direction() == Direction.FROM_INTEGRATION_TABLE);
    }

    /** The enabled field mappings that write in {@code direction}: one-way ones and the bidirectional ones. */
    public List<FieldMapping> fieldsWriting(Direction direction) {
        return fields.stream().filter(field -> field.direction() == direction
                || field.direction() == Direction.BIDIRECTIONAL).toList();
    }

    /** Groups of match fields in ascending match priority (bc-integration.md §7). */
    public List<List<FieldMapping>> matchGroups() {
        Map<Integer, List<FieldMapping>> groups = new TreeMap<>();
        fields.stream().filter(field -> field.matchPriority() > 0)
                .sorted(Comparator.comparingInt(FieldMapping::matchPriority))
                .forEach(field -> groups.computeIfAbsent(field.matchPriority(), priority -> new ArrayList<>())
                        .add(field));
        return List.copyOf(groups.values());
    }
}
