package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.ColumnType;
import org.crmsync.emulators.odata.Filter;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.ODataException;

/**
 * The slice of the metadata API that setting up an integration needs: listing tables and whether change
 * tracking is on ({@code EntityDefinitions}), reading and adding columns ({@code .../Attributes}), reading
 * a choice column's options, adding one ({@code InsertOptionValue}) and relabelling one ({@code UpdateOptionValue}).
 */
final class Metadata {

    private static final Pattern ENTITY = Pattern.compile("EntityDefinitions\\(LogicalName='([a-z_]+)'\\)");
    private static final Pattern ATTRIBUTE = Pattern.compile("Attributes\\(LogicalName='([a-z0-9_]+)'\\)");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+");
    private static final Map<String, ColumnType> ATTRIBUTE_TYPES = Map.of(
            "StringAttributeMetadata", ColumnType.STRING,
            "MemoAttributeMetadata", ColumnType.STRING,
            "IntegerAttributeMetadata", ColumnType.INTEGER,
            "DecimalAttributeMetadata", ColumnType.DECIMAL,
            "MoneyAttributeMetadata", ColumnType.DECIMAL,
            "BooleanAttributeMetadata", ColumnType.BOOLEAN,
            "DateTimeAttributeMetadata", ColumnType.DATE_TIME);

    private final Collection<DataverseTable> tables;
    private final Supplier<String> base;

    /** @param base the API root URL, known once the server listens */
    Metadata(Collection<DataverseTable> tables, Supplier<String> base) {
        this.tables = tables;
        this.base = base;
    }

    /** Serves {@code EntityDefinitions...} paths; {@code segments} is the path split at '/'. */
    EmulatorResponse serve(EmulatorRequest request, String[] segments, Runnable requireCustomizer) {
        if (segments[0].equals("EntityDefinitions") && segments.length == 1 && request.method().equals("GET")) {
            ArrayNode value = JsonBodies.MAPPER.createArrayNode();
            String filter = request.query().get("$filter");
            for (DataverseTable table : tables) {
                ObjectNode definition = definition(table);
                if (filter == null || Filter.parse(filter, definition::has).test(definition)) {
                    value.add(definition);
                }
            }
            return collection("EntityDefinitions", value);
        }
        Matcher entity = ENTITY.matcher(segments[0]);
        if (!entity.matches()) {
            throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + segments[0] + "'.");
        }
        DataverseTable table = byLogicalName(entity.group(1));
        if (segments.length == 1 && request.method().equals("GET")) {
            return EmulatorResponse.json(200, definition(table).toString());
        }
        if (segments.length == 2 && segments[1].equals("Attributes")) {
            if (request.method().equals("POST")) {
                requireCustomizer.run();
                return addColumn(table, JsonBodies.object(request.body(), "0x80060888"));
            }
            ArrayNode value = JsonBodies.MAPPER.createArrayNode();
            table.rows().columns().forEach(column -> value.add(attribute(table, column)));
            return collection("EntityDefinitions('" + table.logicalName() + "')/Attributes", value);
        }
        Matcher attribute = segments.length >= 2 ? ATTRIBUTE.matcher(segments[1]) : null;
        if (attribute != null && attribute.matches() && request.method().equals("GET")) {
            Column column = table.rows().column(attribute.group(1));
            if (column == null) {
                throw new ODataException(404, "0x80041102", "Could not find attribute with name "
                        + attribute.group(1) + " on entity " + table.logicalName() + ".");
            }
            ObjectNode body = attribute(table, column);
            OptionSet options = table.optionSet(column.name());
            if (segments.length == 3 && segments[2].equals("Microsoft.Dynamics.CRM.PicklistAttributeMetadata")) {
                if (options == null) {
                    throw new ODataException(400, "0x80060888", column.name() + " is not a choice column.");
                }
                ArrayNode list = body.putObject("OptionSet").putArray("Options");
                options.options().forEach((value, label) -> {
                    ObjectNode option = list.addObject();
                    option.put("Value", value);
                    option.putObject("Label").putObject("UserLocalizedLabel").put("Label", label);
                });
            }
            return EmulatorResponse.json(200, body.toString());
        }
        throw new ODataException(404, "0x80060888", "Resource not found for the segment '" + String.join("/", segments) + "'.");
    }

    /** {@code POST InsertOptionValue}: adds a value to a choice column and answers with its number. */
    EmulatorResponse insertOptionValue(EmulatorRequest request) {
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        OptionSet options = optionSet(body);
        try {
            int value = options.insert(body.hasNonNull("Value") ? body.get("Value").asInt() : null, label(body));
            return EmulatorResponse.json(200, "{\"@odata.context\":\"" + base.get()
                    + "$metadata#Microsoft.Dynamics.CRM.InsertOptionValueResponse\",\"NewOptionValue\":" + value + "}");
        } catch (IllegalArgumentException e) {
            throw new ODataException(400, "0x80047011", e.getMessage());
        }
    }

    /** {@code POST UpdateOptionValue}: gives an existing value of a choice column a new label. */
    EmulatorResponse updateOptionValue(EmulatorRequest request) {
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        OptionSet options = optionSet(body);
        if (!body.path("Value").canConvertToInt()) {
            throw new ODataException(400, "0x80060888", "Value must name the option to update.");
        }
        try {
            options.relabel(body.get("Value").asInt(), label(body));
            return EmulatorResponse.empty(204);
        } catch (IllegalArgumentException e) {
            throw new ODataException(400, "0x80047011", e.getMessage());
        }
    }

    /** The choice column an option action names with EntityLogicalName and AttributeLogicalName. */
    private OptionSet optionSet(ObjectNode body) {
        DataverseTable table = byLogicalName(body.path("EntityLogicalName").asText());
        String column = body.path("AttributeLogicalName").asText();
        OptionSet options = table.optionSet(column);
        if (options == null) {
            throw new ODataException(400, "0x80060888", "'" + column + "' of " + table.logicalName() + " is not a choice column.");
        }
        return options;
    }

    private static String label(ObjectNode body) {
        JsonNode labels = body.path("Label").path("LocalizedLabels");
        String label = labels.isArray() && !labels.isEmpty() ? labels.get(0).path("Label").asText("") : "";
        if (label.isBlank()) {
            throw new ODataException(400, "0x80060888", "Label.LocalizedLabels must hold at least one label.");
        }
        return label;
    }

    private EmulatorResponse addColumn(DataverseTable table, ObjectNode body) {
        String type = body.path("@odata.type").asText("").replaceFirst("^#?Microsoft\\.Dynamics\\.CRM\\.", "");
        ColumnType columnType = ATTRIBUTE_TYPES.get(type);
        if (columnType == null) {
            throw new ODataException(400, "0x80060888", "Attribute @odata.type must be one of "
                    + ATTRIBUTE_TYPES.keySet().stream().sorted().toList() + ", was '" + type + "'.");
        }
        String schemaName = body.path("SchemaName").asText("");
        if (!SCHEMA_NAME.matcher(schemaName).matches()) {
            throw new ODataException(400, "0x80044331", "SchemaName '" + schemaName
                    + "' must start with a publisher prefix and an underscore, such as crmsync_bcid.");
        }
        int maxLength = columnType == ColumnType.STRING ? body.path("MaxLength").asInt(100) : 0;
        String logicalName = schemaName.toLowerCase(Locale.ROOT);
        if (!table.rows().addColumn(new Column(logicalName, columnType, maxLength, false, false))) {
            throw new ODataException(400, "0x80044363", "An attribute with the specified name " + logicalName
                    + " already exists on entity " + table.logicalName() + ".");
        }
        String id = UUID.nameUUIDFromBytes((table.logicalName() + "." + logicalName).getBytes()).toString();
        return EmulatorResponse.empty(204).withHeader("OData-EntityId",
                base.get() + "EntityDefinitions(LogicalName='" + table.logicalName() + "')/Attributes(" + id + ")");
    }

    private ObjectNode definition(DataverseTable table) {
        ObjectNode definition = JsonBodies.MAPPER.createObjectNode();
        definition.put("LogicalName", table.logicalName());
        definition.put("EntitySetName", table.rows().entitySet());
        definition.put("PrimaryIdAttribute", table.rows().key());
        definition.put("ChangeTrackingEnabled", table.changeTracking());
        return definition;
    }

    private static ObjectNode attribute(DataverseTable table, Column column) {
        ObjectNode attribute = JsonBodies.MAPPER.createObjectNode();
        attribute.put("LogicalName", column.name());
        attribute.put("AttributeType", table.optionSet(column.name()) != null ? "Picklist" : switch (column.type()) {
            case STRING -> "String";
            case GUID -> column.name().startsWith("_") ? "Lookup" : "Uniqueidentifier";
            case INTEGER -> "Integer";
            case DECIMAL -> "Decimal";
            case BOOLEAN -> "Boolean";
            case DATE_TIME, DATE -> "DateTime";
        });
        if (column.maxLength() > 0) {
            attribute.put("MaxLength", column.maxLength());
        }
        attribute.putObject("RequiredLevel").put("Value", column.required() ? "ApplicationRequired" : "None");
        attribute.put("IsValidForCreate", !column.readOnly());
        attribute.put("IsValidForUpdate", !column.readOnly());
        return attribute;
    }

    private DataverseTable byLogicalName(String logicalName) {
        return tables.stream().filter(t -> t.logicalName().equals(logicalName)).findFirst()
                .orElseThrow(() -> new ODataException(404, "0x80040217",
                        "Could not find an entity with the logical name '" + logicalName + "'."));
    }

    private EmulatorResponse collection(String context, ArrayNode values) {
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("@odata.context", base.get() + "$metadata#" + context);
        body.set("value", values);
        return EmulatorResponse.json(200, body.toString());
    }
}
