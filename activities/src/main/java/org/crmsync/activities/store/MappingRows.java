package org.crmsync.activities.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.DeletionConflict;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.mapping.UpdateConflict;
import org.crmsync.workflows.plan.Direction;

/** Integration table mappings and their field mappings as rows of the store (V3, V6). */
final class MappingRows {

    private static final String TABLE_COLUMNS = "name, direction, dependency_filter, bc_entity_set, bc_filter, "
            + "bc_key_field, crm_entity_set, crm_logical_name, crm_key, crm_key_field, crm_filter, crm_supports_multiple, "
            + "synch_only_coupled_records, match_while_syncing, transformation, deletion_conflict, update_conflict, "
            + "crm_choice_column";
    private static final String FIELD_COLUMNS = "mapping_name, bc_field, crm_field, direction, constant_value, "
            + "lookup_parent_mapping, lookup_parent_code_field, lookup_crm_target_set, lookup_blank_is_lcy, "
            + "clear_value_on_failed_sync, not_null, match_priority, case_sensitive_matching";

    private MappingRows() {
    }

    /** The profile's mappings in the order they were written, with their field mappings. */
    static List<TableMapping> read(Connection c, String profile) throws SQLException {
        Map<String, List<FieldMapping>> fields = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("select " + FIELD_COLUMNS
                + " from field_mapping where profile = ? order by mapping_name, no")) {
            select.setString(1, profile);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String parent = row.getString(6);
                    FieldMapping.Lookup lookup = parent == null ? null
                            : new FieldMapping.Lookup(parent, row.getString(7), row.getString(8), row.getBoolean(9));
                    fields.computeIfAbsent(row.getString(1), name -> new ArrayList<>()).add(new FieldMapping(
                            row.getString(2), row.getString(3), Direction.valueOf(row.getString(4)), row.getString(5),
                            lookup, row.getBoolean(10), row.getBoolean(11), row.getInt(12), row.getBoolean(13)));
                }
            }
        }
        List<TableMapping> mappings = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select " + TABLE_COLUMNS
                + " from table_mapping where profile = ? order by list_order")) {
            select.setString(1, profile);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String name = row.getString(1);
                    mappings.add(new TableMapping(name, Direction.valueOf(row.getString(2)), row.getString(3),
                            new TableMapping.BcTable(row.getString(4), row.getString(5), row.getString(6)),
                            new TableMapping.CrmTable(row.getString(7), row.getString(8), row.getString(9),
                                    row.getString(10), row.getString(11), row.getBoolean(12), row.getString(18)),
                            fields.getOrDefault(name, List.of()), row.getBoolean(13), row.getBoolean(14),
                            row.getString(15), DeletionConflict.valueOf(row.getString(16)),
                            UpdateConflict.valueOf(row.getString(17))));
                }
            }
        }
        return mappings;
    }

    /** Writes {@code mappings} as the profile's only ones. */
    static void replace(Connection c, String profile, List<TableMapping> mappings) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from table_mapping where profile = ?")) {
            delete.setString(1, profile);
            delete.executeUpdate();
        }
        for (int i = 0; i < mappings.size(); i++) {
            insert(c, profile, mappings.get(i), i);
        }
    }

    /** Replaces one mapping, keeping its place; a new one goes last. */
    static void save(Connection c, String profile, TableMapping mapping) throws SQLException {
        int position;
        try (PreparedStatement select = c.prepareStatement("select list_order from table_mapping where profile = ? "
                + "and name = ?")) {
            select.setString(1, profile);
            select.setString(2, mapping.name());
            try (ResultSet row = select.executeQuery()) {
                position = row.next() ? row.getInt(1) : Integer.MAX_VALUE;
            }
        }
        try (PreparedStatement delete = c.prepareStatement("delete from table_mapping where profile = ? and name = ?")) {
            delete.setString(1, profile);
            delete.setString(2, mapping.name());
            delete.executeUpdate();
        }
        insert(c, profile, mapping, position);
    }

    private static void insert(Connection c, String profile, TableMapping m, int position) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into table_mapping (profile, list_order, "
                + TABLE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, profile);
            insert.setInt(2, position);
            insert.setString(3, m.name());
            insert.setString(4, m.direction().name());
            insert.setString(5, m.dependencyFilter());
            insert.setString(6, m.bc().entitySet());
            insert.setString(7, m.bc().filter());
            insert.setString(8, m.bc().keyField());
            insert.setString(9, m.crm().entitySet());
            insert.setString(10, m.crm().logicalName());
            insert.setString(11, m.crm().key());
            insert.setString(12, m.crm().keyField());
            insert.setString(13, m.crm().filter());
            insert.setBoolean(14, m.crm().supportsMultiple());
            insert.setBoolean(15, m.synchOnlyCoupledRecords());
            insert.setBoolean(16, m.matchWhileSyncing());
            insert.setString(17, m.transformation());
            insert.setString(18, m.deletionConflict().name());
            insert.setString(19, m.updateConflict().name());
            insert.setString(20, m.crm().choiceColumn());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into field_mapping (profile, no, " + FIELD_COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            List<FieldMapping> fields = m.fields();
            for (int no = 0; no < fields.size(); no++) {
                FieldMapping f = fields.get(no);
                FieldMapping.Lookup lookup = f.lookup();
                insert.setString(1, profile);
                insert.setInt(2, no + 1);
                insert.setString(3, m.name());
                insert.setString(4, f.bcField());
                insert.setString(5, f.crmField());
                insert.setString(6, f.direction().name());
                insert.setString(7, f.constantValue());
                insert.setString(8, lookup == null ? null : lookup.parentMapping());
                insert.setString(9, lookup == null ? null : lookup.parentCodeField());
                insert.setString(10, lookup == null ? null : lookup.crmTargetSet());
                insert.setBoolean(11, lookup != null && lookup.blankIsLocalCurrency());
                insert.setBoolean(12, f.clearValueOnFailedSync());
                insert.setBoolean(13, f.notNull());
                insert.setInt(14, f.matchPriority());
                insert.setBoolean(15, f.caseSensitiveMatching());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
