package org.crmsync.activities.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.workflows.plan.Direction;

/**
 * Transfers a record's fields onto the other side as the mapping's field mappings say (bc-integration.md
 * §6, step 3): values, constants, and lookups through couplings, in one direction.
 */
final class FieldTransfer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BC_BLANK_DATE = "0001-01-01";

    private final Direction direction;
    private final List<FieldMapping> fields;
    /** The constants, parsed once rather than for every record. */
    private final Map<FieldMapping, JsonNode> constants = new HashMap<>();
    private final Lookups lookups;
    /** Plain fields that only go from BC to Dataverse. */
    private final List<FieldMapping> oneWayToCrmFields;

    /** @param direction {@link Direction#TO_INTEGRATION_TABLE} or {@link Direction#FROM_INTEGRATION_TABLE} */
    FieldTransfer(TableMapping mapping, Lookups lookups, Direction direction) {
        this.direction = direction;
        this.fields = mapping.fieldsWriting(direction);
        this.lookups = lookups;
        this.oneWayToCrmFields = mapping.fields().stream()
                .filter(field -> field.direction() == Direction.TO_INTEGRATION_TABLE && field.bcField() != null
                        && field.lookup() == null && field.constantValue() == null)
                .toList();
        for (FieldMapping field : fields) {
            if (field.constantValue() != null) {
                constants.put(field, literal(field));
            }
        }
    }

    /**
     * The Dataverse columns that hold the values of the mapping's fields writing in {@code direction}: plain
     * columns and choice columns, and {@code _x_value} for lookups to rows.
     */
    static List<String> crmColumns(TableMapping mapping, Direction direction) {
        return mapping.fieldsWriting(direction).stream()
                .filter(field -> field.constantValue() == null && field.crmField() != null)
                .map(FieldTransfer::crmColumn).toList();
    }

    /** Reads at once what the lookups of a page's {@code records} will need. */
    void prepare(List<ObjectNode> records) {
        lookups.prepare(records, fields, direction == Direction.TO_INTEGRATION_TABLE, FieldTransfer::crmColumn);
    }

    /** The fields of a record, as the destination's row should hold them. */
    ObjectNode transfer(ObjectNode record) {
        return direction == Direction.TO_INTEGRATION_TABLE ? toCrm(record) : toBc(record);
    }

    /**
     * The plain values that only go from BC to Dataverse (a number, a credit limit), for a Dataverse row
     * whose BC record was just created from it.
     */
    ObjectNode oneWayToCrm(ObjectNode record) {
        ObjectNode row = JSON.createObjectNode();
        for (FieldMapping field : oneWayToCrmFields) {
            row.set(field.crmField(), crmValue(record.get(field.bcField())));
        }
        return row;
    }

    /** @throws RecordFailure when a lookup cannot resolve and the field may not be cleared instead */
    private ObjectNode toCrm(ObjectNode record) {
        ObjectNode row = JSON.createObjectNode();
        for (FieldMapping field : fields) {
            if (field.constantValue() != null) {
                row.set(field.crmField(), constants.get(field));
            } else if (field.lookup() != null) {
                bind(row, field, record.path(field.bcField()).asText(""));
            } else {
                row.set(field.crmField(), crmValue(record.get(field.bcField())));
            }
        }
        return row;
    }

    /** @throws RecordFailure when a lookup names a Dataverse row that is not coupled */
    private ObjectNode toBc(ObjectNode row) {
        ObjectNode record = JSON.createObjectNode();
        for (FieldMapping field : fields) {
            if (field.constantValue() != null) {
                record.set(field.bcField(), constants.get(field));
            } else if (field.lookup() != null) {
                record.put(field.bcField(), lookups.codeOf(field, row.path(crmColumn(field)).asText("")));
            } else {
                JsonNode value = row.get(field.crmField());
                // BC text fields are never null: a cleared Dataverse column is an empty field.
                record.set(field.bcField(), isBlank(value) ? JSON.getNodeFactory().textNode("") : value);
            }
        }
        return record;
    }

    /**
     * The bidirectional fields whose values in {@code body}, about to be written, differ from the
     * destination's current {@code row}: a conflict when both sides changed (§6, per record, step 4).
     */
    List<String> differences(ObjectNode body, ObjectNode row) {
        List<String> differ = new ArrayList<>();
        for (FieldMapping field : fields) {
            if (field.direction() != Direction.BIDIRECTIONAL) {
                continue;
            }
            JsonNode written;
            JsonNode current;
            if (direction == Direction.FROM_INTEGRATION_TABLE) {
                written = body.get(field.bcField());
                current = row.get(field.bcField());
            } else if (field.lookup() != null && !field.lookup().toOption()) {
                written = boundId(body.get(field.crmField() + "@odata.bind"));
                current = row.get(lookupValue(field));
            } else {
                written = body.get(field.crmField());
                current = row.get(field.crmField());
            }
            if (!same(written, current)) {
                differ.add(field.bcCaption());
            }
        }
        return differ;
    }

    private void bind(ObjectNode row, FieldMapping field, String code) {
        String id;
        try {
            id = lookups.resolve(field, code);
        } catch (RecordFailure failure) {
            if (!field.clearValueOnFailedSync() || field.notNull()) {
                throw failure;
            }
            id = null;
        }
        if (field.lookup().toOption()) {
            // a choice column holds the number of the option coupled with the record
            if (id != null) {
                row.put(field.crmField(), Integer.parseInt(id));
            } else if (!field.notNull()) {
                row.putNull(field.crmField());
            }
            return;
        }
        String property = field.crmField() + "@odata.bind";
        if (id != null) {
            row.put(property, "/" + field.lookup().crmTargetSet() + "(" + id + ")");
        } else if (!field.notNull()) {
            row.putNull(property);
        }
    }

    /**
     * A BC value as Dataverse keeps it: it makes no difference between empty and absent text, and BC's blank
     * date (0001-01-01, before any date Dataverse takes) is no date.
     */
    private static JsonNode crmValue(JsonNode value) {
        return isBlank(value) || value.isTextual() && value.asText().startsWith(BC_BLANK_DATE) ? JSON.nullNode() : value;
    }

    /** {@code "/accounts(<id>)"} → the id. */
    private static JsonNode boundId(JsonNode bind) {
        if (bind == null || bind.isNull()) {
            return bind;
        }
        String path = bind.asText();
        return JSON.getNodeFactory().textNode(path.substring(path.indexOf('(') + 1, path.length() - 1));
    }

    /** The column that holds a field's value: its own, or {@code _x_value} for a lookup to a row. */
    private static String crmColumn(FieldMapping field) {
        return field.lookup() == null || field.lookup().toOption() ? field.crmField() : lookupValue(field);
    }

    /**
     * {@code _x_value} for the lookup {@code x}. A customer lookup can point at two tables, so its navigation
     * property names the one it binds ({@code customerid_account}); its value column does not.
     */
    private static String lookupValue(FieldMapping field) {
        return "_" + field.crmField().replaceFirst("_(account|contact)$", "") + "_value";
    }

    /** Equal as a user would see them: blank equals absent, numbers by value, text exactly. */
    static boolean same(JsonNode a, JsonNode b) {
        if (isBlank(a) || isBlank(b)) {
            return isBlank(a) && isBlank(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.asText().equals(b.asText());
    }

    /** Whether {@code record} has each plain value of {@code values}, as {@link #same} compares them. */
    static boolean holdsEvery(ObjectNode record, ObjectNode values) {
        return values.properties().stream().allMatch(field -> !field.getValue().isValueNode()
                || same(field.getValue(), record.get(field.getKey())));
    }

    private static boolean isBlank(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.asText().isBlank();
    }

    private static JsonNode literal(FieldMapping field) {
        try {
            return JSON.readTree(field.constantValue());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The constant of " + (field.crmField() == null ? field.bcField()
                    : field.crmField()) + " is not a JSON literal: " + field.constantValue(), e);
        }
    }
}
