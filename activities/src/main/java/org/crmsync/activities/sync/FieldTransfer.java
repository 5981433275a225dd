package org.crmsync.activities.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.workflows.plan.Direction;

/**
 * Transfers the fields of a BC record onto a Dataverse row as the mapping's field mappings say
 * (bc-integration.md §6, step 3): values, constants, and lookups through couplings.
 */
final class FieldTransfer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<FieldMapping> fields;
    /** The constants, parsed once rather than for every record. */
    private final Map<FieldMapping, JsonNode> constants = new HashMap<>();
    private final Lookups lookups;

    FieldTransfer(TableMapping mapping, Lookups lookups) {
        this.fields = mapping.fieldsWriting(Direction.TO_INTEGRATION_TABLE);
        this.lookups = lookups;
        for (FieldMapping field : fields) {
            if (field.constantValue() != null) {
                constants.put(field, literal(field));
            }
        }
    }

    /** @throws RecordFailure when a lookup cannot resolve and the field may not be cleared instead */
    ObjectNode toCrm(ObjectNode record) {
        ObjectNode row = JSON.createObjectNode();
        for (FieldMapping field : fields) {
            if (field.constantValue() != null) {
                row.set(field.crmField(), constants.get(field));
            } else if (field.lookup() != null) {
                bind(row, field, record.path(field.bcField()).asText(""));
            } else {
                JsonNode value = record.get(field.bcField());
                // Dataverse keeps no difference between empty and absent text.
                if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                    row.putNull(field.crmField());
                } else {
                    row.set(field.crmField(), value);
                }
            }
        }
        return row;
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
        String property = field.crmField() + "@odata.bind";
        if (id != null) {
            row.put(property, "/" + field.lookup().crmTargetSet() + "(" + id + ")");
        } else if (!field.notNull()) {
            row.putNull(property);
        }
    }

    private static JsonNode literal(FieldMapping field) {
        try {
            return JSON.readTree(field.constantValue());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The constant of " + field.crmField() + " is not a JSON literal: "
                    + field.constantValue(), e);
        }
    }
}
