package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.odata.Column;
import org.crmsync.emulators.odata.ColumnCheck;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.ODataException;

/**
 * Validates and stores Dataverse rows the way the service does: unknown and read-only columns refused,
 * lengths and required columns enforced, lookups bound only to rows that exist, choices checked against
 * their option sets, service columns stamped ({@code createdon}, {@code modifiedon}, {@code versionnumber},
 * {@code _modifiedby_value}), the caller as default owner (a team may own rows only while it holds a security
 * role), and the amounts the service computes on order
 * and invoice lines and headers.
 */
final class RecordWriter {

    static final String LOOKUP_TYPE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    private static final Pattern BIND = Pattern.compile("(?:.*/api/data/v9\\.2)?/?([a-z_]+)\\(([0-9a-fA-F-]{36})\\)");

    private final Function<String, DataverseTable> tables;
    private final Clock clock;
    /** Whether a principal holds a security role: a team without one cannot own rows. */
    private final Predicate<String> holdsARole;
    private final AtomicLong version = new AtomicLong(1_000_000);

    RecordWriter(Function<String, DataverseTable> tables, Clock clock, Predicate<String> holdsARole) {
        this.tables = tables;
        this.clock = clock;
        this.holdsARole = holdsARole;
    }

    /** The version the next write will get; change tracking hands it out as a delta token. */
    long currentVersion() {
        return version.get();
    }

    /** Stores seed data without validation, stamping only what the service maintains. */
    void seed(DataverseTable table, ObjectNode row) {
        stamp(table, row, null, null);
        table.rows().put(row);
    }

    /** Validates {@code body} against the table and returns the row it would make, without storing it. */
    ObjectNode prepare(DataverseTable table, ObjectNode existing, String id, ObjectNode body, String caller) {
        EntityTable rows = table.rows();
        ObjectNode row = existing == null ? JsonBodies.MAPPER.createObjectNode() : existing.deepCopy();
        row.put(rows.key(), id.toLowerCase(Locale.ROOT));
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            if (name.endsWith("@odata.bind")) {
                bind(table, row, existing == null, name.substring(0, name.length() - "@odata.bind".length()),
                        field.getValue());
                continue;
            }
            if (name.equals(rows.key())) {
                if (!field.getValue().asText().equalsIgnoreCase(id)) {
                    throw new ODataException(400, "0x80060888", "The key in the body does not match the key in the URL.");
                }
                continue;
            }
            Column column = rows.column(name);
            if (column == null || column.readOnly() || name.startsWith("_")) {
                throw new ODataException(400, "0x80060888", "Invalid property '" + name
                        + "' was found in entity 'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
            }
            check(table, column, field.getValue());
            row.set(name, field.getValue());
        }
        if (existing == null && rows.hasColumn("_ownerid_value") && !row.hasNonNull("_ownerid_value") && caller != null) {
            // A new row belongs to whoever created it unless the request names an owner.
            row.put("_ownerid_value", caller);
            row.put("_ownerid_value" + LOOKUP_TYPE, "systemuser");
        }
        for (Column column : rows.columns()) {
            if (column.required() && (row.get(column.name()) == null || row.get(column.name()).isNull())) {
                throw new ODataException(400, "0x80040200", "Required column '" + column.name() + "' of entity '"
                        + table.logicalName() + "' must have a value.");
            }
        }
        if (isLine(table)) {
            computeLineAmounts(row);
        }
        stamp(table, row, existing, caller);
        return row;
    }

    private void check(DataverseTable table, Column column, JsonNode value) {
        ColumnCheck.Violation violation = ColumnCheck.check(column, value);
        if (violation != null && violation.problem() == ColumnCheck.Problem.TOO_LONG) {
            throw new ODataException(400, "0x80044331", "A validation error occurred. The length of the '"
                    + column.name() + "' attribute of the '" + table.logicalName()
                    + "' entity exceeded the maximum allowed length of '" + violation.detail() + "'.");
        }
        if (violation != null) {
            throw new ODataException(400, "0x80060888", violation.detail() + ".");
        }
        OptionSet options = table.optionSet(column.name());
        if (options != null && !value.isNull() && !options.contains(value.asInt())) {
            throw new ODataException(400, "0x8004431a", "A validation error occurred. The value " + value.asInt()
                    + " of '" + column.name() + "' on record of type '" + table.logicalName()
                    + "' is outside the valid range.");
        }
    }

    /** Stores a prepared row with what the service does alongside: a unit group's base unit, document totals. */
    void store(DataverseTable table, ObjectNode row, boolean created, Journal journal) {
        journal.put(table.rows(), row);
        if (created && table.logicalName().equals("uomschedule")) {
            createBaseUnit(row, journal);
        }
        recomputeTotals(table, row, journal);
    }

    /** Deletes a row, leaving a tombstone for change tracking. */
    void delete(DataverseTable table, String id, Journal journal) {
        ObjectNode removed = journal.remove(table.rows(), id);
        ObjectNode tombstone = JsonBodies.MAPPER.createObjectNode();
        tombstone.put("id", id.toLowerCase(Locale.ROOT));
        tombstone.put("versionnumber", version.incrementAndGet());
        journal.put(table.tombstones(), tombstone);
        recomputeTotals(table, removed, journal);
    }

    private void createBaseUnit(ObjectNode schedule, Journal journal) {
        DataverseTable uoms = tables.apply("uoms");
        ObjectNode unit = JsonBodies.MAPPER.createObjectNode();
        String unitId = UUID.nameUUIDFromBytes(("base-uom:" + schedule.get("uomscheduleid").asText()).getBytes()).toString();
        unit.put("uomid", unitId);
        unit.put("name", schedule.get("baseuomname").asText());
        unit.put("quantity", BigDecimal.ONE);
        unit.put("isschedulebaseuom", true);
        unit.put("_uomscheduleid_value", schedule.get("uomscheduleid").asText());
        unit.put("_baseuom_value", unitId);
        stamp(uoms, unit, null, schedule.path("_modifiedby_value").asText(null));
        journal.put(uoms.rows(), unit);
    }

    private void bind(DataverseTable table, ObjectNode row, boolean creating, String navigation, JsonNode target) {
        Lookup lookup = table.lookup(navigation);
        if (lookup == null) {
            throw new ODataException(400, "0x80060888", "An undeclared property '" + navigation
                    + "' which only has property annotations in the payload but no property value was found in the payload.");
        }
        if (lookup.when() == Lookup.When.CREATE_ONLY && !creating) {
            throw new ODataException(400, "0x80048408", "The '" + navigation + "' of an existing '"
                    + table.logicalName() + "' cannot be changed; it can only be set when the record is created.");
        }
        if (lookup.when() == Lookup.When.UPDATE_ONLY && creating) {
            throw new ODataException(400, "0x80048408", "'" + navigation + "' is not valid on create of '"
                    + table.logicalName() + "'; set it with an update once the record exists.");
        }
        if (target.isNull()) {
            row.putNull(lookup.column());
            row.remove(lookup.column() + LOOKUP_TYPE);
            return;
        }
        Matcher reference = BIND.matcher(target.asText());
        if (!reference.matches() || !lookup.targets().contains(reference.group(1))) {
            throw new ODataException(400, "0x80060888", "The value '" + target.asText() + "' of " + navigation
                    + "@odata.bind is not a reference to " + String.join(" or ", lookup.targets()) + ".");
        }
        DataverseTable referenced = tables.apply(reference.group(1));
        if (!referenced.rows().contains(reference.group(2))) {
            throw DataverseEmulator.doesNotExist(referenced, reference.group(2));
        }
        if (navigation.equals("ownerid") && referenced.logicalName().equals("team")
                && !holdsARole.test(reference.group(2).toLowerCase(Locale.ROOT))) {
            throw new ODataException(400, "0x80042f09", "The team " + reference.group(2) + " holds no security "
                    + "role, and a team without one cannot own records: assign the team a security role.");
        }
        row.put(lookup.column(), reference.group(2).toLowerCase(Locale.ROOT));
        row.put(lookup.column() + LOOKUP_TYPE, referenced.logicalName());
    }

    private void stamp(DataverseTable table, ObjectNode row, ObjectNode existing, String caller) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (existing == null) {
            if (!row.hasNonNull("createdon")) {
                row.put("createdon", now);
            }
            if (caller != null) {
                row.put("_createdby_value", caller);
            }
            if (table.rows().hasColumn("statecode") && !row.hasNonNull("statecode")) {
                row.put("statecode", 0); // Active
            }
            if (table.logicalName().equals("systemuser") && !row.hasNonNull("fullname")) {
                row.put("fullname", (row.path("firstname").asText("") + " " + row.path("lastname").asText("")).trim());
            }
        }
        if (table.logicalName().equals("contact")) {
            row.put("fullname", (row.path("firstname").asText("") + " " + row.path("lastname").asText("")).trim());
        }
        if (existing != null || !row.hasNonNull("modifiedon")) {
            row.put("modifiedon", now);
        }
        if (caller != null) {
            row.put("_modifiedby_value", caller);
        }
        row.put("versionnumber", version.incrementAndGet());
    }

    /** baseamount = quantity × price per unit; extendedamount = baseamount − manual discount + tax. */
    private static void computeLineAmounts(ObjectNode row) {
        BigDecimal base = decimal(row, "quantity").multiply(decimal(row, "priceperunit"));
        row.put("baseamount", base);
        row.put("extendedamount", base.subtract(decimal(row, "manualdiscountamount")).add(decimal(row, "tax")));
    }

    private static boolean isLine(DataverseTable table) {
        return table.logicalName().equals("salesorderdetail") || table.logicalName().equals("invoicedetail");
    }

    /** A document's line total is the sum of its lines; its total adds freight and tax and takes off the discount. */
    private void recomputeTotals(DataverseTable table, ObjectNode row, Journal journal) {
        if (row == null) {
            return;
        }
        String headerSet = switch (table.logicalName()) {
            case "salesorderdetail" -> "salesorders";
            case "invoicedetail" -> "invoices";
            case "salesorder", "invoice" -> table.rows().entitySet();
            default -> null;
        };
        if (headerSet == null) {
            return;
        }
        DataverseTable headers = tables.apply(headerSet);
        DataverseTable lines = tables.apply(headerSet.equals("salesorders") ? "salesorderdetails" : "invoicedetails");
        String headerId = headers == table ? row.get(table.rows().key()).asText()
                : row.path("_" + headers.logicalName() + "id_value").asText("");
        ObjectNode header = headers.rows().get(headerId);
        if (header == null) {
            return;
        }
        BigDecimal lineTotal = BigDecimal.ZERO;
        for (ObjectNode line : lines.rows().withIndexed(headerId)) {
            lineTotal = lineTotal.add(decimal(line, "extendedamount"));
        }
        BigDecimal total = lineTotal.subtract(decimal(header, "discountamount")).add(decimal(header, "freightamount"))
                .add(decimal(header, "totaltax"));
        if (decimal(header, "totallineitemamount").compareTo(lineTotal) != 0
                || decimal(header, "totalamount").compareTo(total) != 0 || !header.has("totalamount")) {
            ObjectNode updated = header.deepCopy();
            updated.put("totallineitemamount", lineTotal);
            updated.put("totalamount", total);
            if (headers != table) {
                // new totals from a line are a change of the document, by whoever changed the line
                stamp(headers, updated, header, row.path("_modifiedby_value").asText(null));
            }
            journal.put(headers.rows(), updated);
        }
    }

    private static BigDecimal decimal(ObjectNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || !value.isNumber() ? BigDecimal.ZERO : value.decimalValue();
    }
}
