package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * The lines of a document mapping, written after their headers as their children (bc-integration.md §2:
 * POSTEDSALESINV-INV with POSTEDSALESLINE-INV, SALESORDER-ORDER with SOLINE-ORDERDETAIL; line mappings are not
 * scheduled on their own). Each BC line becomes a Dataverse line of the coupled header: for the product coupled
 * with its item, in the base unit of its unit of measure's group, at BC's price; a line of another type is a
 * write-in product. A line's primary key is derived from it, so a header written again (a change, a retried page,
 * a replay) updates its lines rather than adding them twice. BC's lines carry no modification stamp of their own
 * (apis.md B2), so all of a header's lines are written with it. With bidirectional orders, an order submitted in
 * Sales goes to BC with its lines in one deep insert; each of its lines then carries BC's line number, by which
 * BC's later changes find it.
 */
final class DocumentLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where a document's lines live on each side.
     *
     * @param parentNavigation the navigation property from a Dataverse line to its header
     * @param lineNumber       the Dataverse column holding BC's line number, which pairs a line that came from
     *                         Dataverse with the BC line made of it; null when lines only go to Dataverse
     */
    private record Shape(String bcLines, String crmLines, String crmLogicalName, String crmKey,
                         String parentNavigation, String lineNumber) {

        String parentColumn() {
            return "_" + parentNavigation + "_value";
        }
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            DefaultMappings.POSTEDSALESINV_INV,
            new Shape("salesInvoiceLines", "invoicedetails", "invoicedetail", "invoicedetailid", "invoiceid", null),
            DefaultMappings.SALESORDER_ORDER,
            new Shape("salesOrderLines", "salesorderdetails", "salesorderdetail", "salesorderdetailid", "salesorderid",
                    "businesscentrallinenumber"));

    /**
     * BC's step between line numbers. The lines of an order made from Sales are numbered 1, 2, 3 steps in Sales'
     * order; recovering numbers that never came back relies on the same rule.
     */
    private static final int LINE_STEP = 10000;

    /** What a Dataverse line holds that a BC line is made of. */
    private static final String CRM_LINE_COLUMNS = "_productid_value,quantity,priceperunit,manualdiscountamount,"
            + "isproductoverridden,productdescription,sequencenumber";

    private final TableMapping mapping;
    private final Shape shape;
    private final Connectors connectors;
    private final IntegrationStore store;

    /**
     * The BC lines of a page's headers, read and resolved before any header is written.
     *
     * @param rows     by BC header id, each of its lines' Dataverse id and row
     * @param failures by BC header id, why its lines cannot be written
     */
    record Prepared(Map<String, Map<String, ObjectNode>> rows, Map<String, String> failures) {
    }

    /**
     * The Dataverse lines of a page's headers, as the BC lines of the documents about to be created from them.
     *
     * @param lines    by Dataverse header id, its BC lines in Dataverse's order
     * @param numbers  by Dataverse header id, the BC line number each of its Dataverse lines gets
     * @param failures by Dataverse header id, why its lines cannot go to BC
     */
    record FromDataverse(Map<String, ArrayNode> lines, Map<String, Map<String, Integer>> numbers,
                         Map<String, String> failures) {
    }

    private DocumentLines(TableMapping mapping, Shape shape, Connectors connectors, IntegrationStore store) {
        this.mapping = mapping;
        this.shape = shape;
        this.connectors = connectors;
        this.store = store;
    }

    /** The lines of {@code mapping}'s documents; null when its records have none. */
    static DocumentLines of(TableMapping mapping, Connectors connectors, IntegrationStore store) {
        Shape shape = SHAPES.get(mapping.name());
        return shape == null ? null : new DocumentLines(mapping, shape, connectors, store);
    }

    /**
     * Reads and resolves the BC lines of headers about to be written, before any is: a header whose lines do not
     * all resolve (an item or a unit that is not coupled) fails with the line's reason and is not written, so
     * that Dataverse never shows a document without its lines.
     *
     * @return the lines of the headers that resolve, and why the others cannot be written
     */
    Prepared prepare(Collection<String> headerBcIds) {
        Map<String, Map<String, ObjectNode>> rows = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        if (headerBcIds.isEmpty()) {
            return new Prepared(rows, failures);
        }
        List<ObjectNode> lines = AnyOf.read("documentId", headerBcIds, false,
                anyOf -> connectors.bc().readAll(shape.bcLines(), anyOf));
        Map<String, Coupling> products = couplings(DefaultMappings.ITEM_PRODUCT, lines, "itemId", false);
        Map<String, Coupling> units = couplings(DefaultMappings.UNIT_OF_MEASURE, lines, "unitOfMeasureId", false);
        Map<String, String> baseUnits = lines.isEmpty() ? Map.of() : BaseUnitTransformation.baseUnitsBySchedule(connectors);
        for (ObjectNode line : lines) {
            String header = line.path("documentId").asText();
            try {
                rows.computeIfAbsent(header, h -> new LinkedHashMap<>())
                        .put(lineId(line), row(line, products, units, baseUnits));
            } catch (RecordFailure failure) {
                failures.putIfAbsent(header, "line " + line.path("sequence").asText() + ": " + failure.getMessage());
            }
        }
        failures.keySet().forEach(rows::remove);
        return new Prepared(rows, failures);
    }

    /**
     * Makes the Dataverse lines of headers just written what their prepared BC lines are: a line BC has is
     * created or updated, and a line BC no longer has is deleted (the document is BC's; Dataverse only shows it).
     *
     * @param headers  the Dataverse header id of each BC header id written
     * @param prepared what {@link #prepare} made of those headers' lines; their rows are written as they are
     * @return why, by BC header id, Dataverse refused one of a header's lines
     */
    Map<String, String> write(Map<String, String> headers, Prepared prepared) {
        Map<String, String> failures = new HashMap<>();
        if (headers.isEmpty()) {
            return failures;
        }
        Set<String> existing = new HashSet<>();
        // a line that came from Dataverse keeps its own id: it is found by its header and BC line number
        Map<String, String> numbered = new HashMap<>();
        String columns = shape.crmKey() + (shape.lineNumber() == null ? ""
                : "," + shape.parentColumn() + "," + shape.lineNumber());
        for (ObjectNode line : AnyOf.read(shape.parentColumn(), headers.values(), false,
                anyOf -> connectors.dataverse().readAll(shape.crmLines(), anyOf, columns))) {
            String id = line.path(shape.crmKey()).asText();
            existing.add(id);
            if (shape.lineNumber() != null && line.hasNonNull(shape.lineNumber())) {
                numbered.putIfAbsent(line.path(shape.parentColumn()).asText() + "/" + line.path(shape.lineNumber())
                        .asText(), id);
            }
        }
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        Map<String, String> headerOfRow = new HashMap<>();
        headers.forEach((header, crmId) -> prepared.rows().getOrDefault(header, Map.of()).forEach((derived, row) -> {
            String id = shape.lineNumber() == null ? derived
                    : numbered.getOrDefault(crmId + "/" + row.path(shape.lineNumber()).asText(), derived);
            if (!existing.remove(id)) {
                // the header can only be set when the line is created
                row.put(shape.parentNavigation() + "@odata.bind", "/" + mapping.crm().entitySet() + "(" + crmId + ")");
            }
            rows.put(id, row);
            headerOfRow.put(id, header);
        }));
        write(rows, headerOfRow, failures);
        existing.forEach(gone -> connectors.dataverse().delete(shape.crmLines(), gone));
        return failures;
    }

    /** @throws RecordFailure when the line's item or unit of measure is not coupled */
    private ObjectNode row(ObjectNode line, Map<String, Coupling> products, Map<String, Coupling> units,
                           Map<String, String> baseUnits) {
        ObjectNode row = JSON.createObjectNode();
        row.set("quantity", line.get("quantity"));
        row.set("priceperunit", line.get("unitPrice"));
        row.put("ispriceoverridden", true);
        row.set("manualdiscountamount", line.get("discountAmount"));
        row.set("tax", line.get("totalTaxAmount"));
        row.set("sequencenumber", line.get("sequence"));
        if (shape.lineNumber() != null) {
            row.set(shape.lineNumber(), line.get("sequence"));
        }
        if (!line.path("lineType").asText().equals("Item")) {
            row.put("isproductoverridden", true);
            row.put("productdescription", line.path("description").asText());
            return row;
        }
        Coupling product = products.get(line.path("itemId").asText());
        if (product == null) {
            throw new RecordFailure("Item " + line.path("lineObjectNumber").asText() + " must be coupled to a Dataverse "
                    + "product (synchronize or couple the " + DefaultMappings.ITEM_PRODUCT + " mapping first)");
        }
        Coupling unit = units.get(line.path("unitOfMeasureId").asText());
        String baseUnit = unit == null ? null : baseUnits.get(unit.crmId());
        if (baseUnit == null) {
            throw new RecordFailure("Unit of Measure " + line.path("unitOfMeasureCode").asText() + " must be coupled "
                    + "to a Dataverse unit group (synchronize or couple the " + DefaultMappings.UNIT_OF_MEASURE
                    + " mapping first)");
        }
        row.put("productid@odata.bind", "/products(" + product.crmId() + ")");
        row.put("uomid@odata.bind", "/uoms(" + baseUnit + ")");
        return row;
    }

    /** The entity set of the BC lines, as a document's deep insert names them. */
    String bcLinesSet() {
        return shape.bcLines();
    }

    /**
     * Reads the Dataverse lines of headers about to be created in BC, and makes BC lines of them: for the item
     * coupled with each line's product, numbered one {@link #LINE_STEP} after another in Dataverse's order. A header with a write-in
     * line, or a product that is not coupled, fails with the line's reason rather than reaching BC without it.
     */
    FromDataverse fromDataverse(Collection<String> crmHeaderIds) {
        Map<String, ArrayNode> lines = new HashMap<>();
        Map<String, Map<String, Integer>> numbers = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        if (crmHeaderIds.isEmpty()) {
            return new FromDataverse(lines, numbers, failures);
        }
        List<ObjectNode> rows = crmLines(crmHeaderIds);
        Map<String, Coupling> items = items(rows);
        for (ObjectNode row : rows) {
            String header = row.path(shape.parentColumn()).asText();
            int number = LINE_STEP * (numbers.computeIfAbsent(header, h -> new LinkedHashMap<>()).size() + 1);
            numbers.get(header).put(row.path(shape.crmKey()).asText(), number);
            try {
                lines.computeIfAbsent(header, h -> JSON.createArrayNode()).add(bcLine(row, number, items));
            } catch (RecordFailure failure) {
                failures.putIfAbsent(header, "line " + number + ": " + failure.getMessage());
            }
        }
        failures.keySet().forEach(lines::remove);
        return new FromDataverse(lines, numbers, failures);
    }

    /**
     * What a Sales order's lines change in the BC order it is coupled with, found before anything is written:
     * a line that carries a BC line number updates that BC line where they differ, a line without one (added in
     * Sales) is added after BC's last line. A BC line Sales does not have stays: it may be one BC added.
     *
     * @throws RecordFailure when a line is a write-in product or its product is not coupled with an item
     */
    LineChanges changesFromDataverse(String crmHeaderId, String bcHeaderId) {
        List<ObjectNode> rows = crmLines(List.of(crmHeaderId));
        Map<String, Coupling> items = items(rows);
        Map<Integer, ObjectNode> bcLines = new HashMap<>();
        AnyOf.read("documentId", List.of(bcHeaderId), false, anyOf -> connectors.bc().readAll(shape.bcLines(), anyOf))
                .forEach(line -> bcLines.put(line.path("sequence").asInt(), line));
        int next = bcLines.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) / LINE_STEP * LINE_STEP
                + LINE_STEP;
        LineChanges changes = new LineChanges(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
        // None numbered yet, but BC has lines: the numbers the order was created with never came back to Sales.
        // They were numbered as fromDataverse does, so the lines pair by that instead of being added again.
        boolean numberedAtCreation = !bcLines.isEmpty() && rows.stream().noneMatch(row -> row.hasNonNull(shape.lineNumber()));
        int position = 0;
        for (ObjectNode row : rows) {
            position += LINE_STEP;
            Integer known = numberedAtCreation ? Integer.valueOf(position)
                    : row.hasNonNull(shape.lineNumber()) ? Integer.valueOf(row.get(shape.lineNumber()).asInt()) : null;
            ObjectNode current = known == null ? null : bcLines.get(known);
            if (current == null) {
                int number = next;
                next += LINE_STEP;
                changes.added().add(new LineAddition(row.path(shape.crmKey()).asText(), number,
                        withFailureOf(number, () -> bcLine(row, number, items)).put("documentId", bcHeaderId)));
                continue;
            }
            if (numberedAtCreation) {
                changes.numbers().put(row.path(shape.crmKey()).asText(), known);
            }
            ObjectNode line = withFailureOf(current.path("sequence").asInt(), () -> bcLine(row, 0, items));
            line.remove(List.of("sequence", "lineType"));
            if (!FieldTransfer.holdsEvery(current, line)) {
                changes.updated().add(new LineUpdate(current.path("id").asText(), current.path("@odata.etag").asText(),
                        line));
            }
        }
        return changes;
    }

    /**
     * A Sales order's line changes for its BC order.
     *
     * @param updated BC lines that change
     * @param added   new BC lines
     * @param numbers BC line numbers that Dataverse lines paired by position get back
     */
    record LineChanges(List<LineUpdate> updated, List<LineAddition> added, Map<String, Integer> numbers) {

        boolean isEmpty() {
            return updated.isEmpty() && added.isEmpty() && numbers.isEmpty();
        }
    }

    /** A BC line's changes, written only if it is still as read ({@code etag}). */
    record LineUpdate(String id, String etag, ObjectNode changes) {
    }

    /** A new BC line, naming its document, made of the Dataverse line {@code crmId}; it gets {@code number}. */
    record LineAddition(String crmId, int number, ObjectNode line) {
    }

    /**
     * Writes {@link #changesFromDataverse}'s changes to BC. The lines to add are numbered in Dataverse before BC is
     * asked to create them: if BC creates a line and its answer is lost, the retry finds the line by that number
     * instead of sending it again. A line BC refuses loses its number, as BC never used it, and fails the document
     * with the line's number and BC's reason.
     */
    void applyToBusinessCentral(LineChanges changes) {
        changes.updated().forEach(line -> connectors.updateInBusinessCentral(shape.bcLines(), line.id(),
                line.changes(), line.etag()));
        Map<String, Integer> numbers = new LinkedHashMap<>(changes.numbers());
        changes.added().forEach(addition -> numbers.put(addition.crmId(), addition.number()));
        numberLines(numbers);
        for (int next = 0; next < changes.added().size(); next++) {
            try {
                connectors.bc().create(shape.bcLines(), changes.added().get(next).line());
            } catch (RequestRejected refused) {
                Map<String, Integer> unused = new LinkedHashMap<>();
                changes.added().subList(next, changes.added().size()).forEach(line -> unused.put(line.crmId(), null));
                numberLines(unused);
                throw new RecordFailure("line " + changes.added().get(next).number() + ": " + refused.getMessage());
            }
        }
    }

    private static ObjectNode withFailureOf(int number, Supplier<ObjectNode> line) {
        try {
            return line.get();
        } catch (RecordFailure failure) {
            throw new RecordFailure("line " + number + ": " + failure.getMessage());
        }
    }

    /** The Dataverse lines of {@code crmHeaderIds}, in the order Sales shows them. */
    private List<ObjectNode> crmLines(Collection<String> crmHeaderIds) {
        List<ObjectNode> rows = new ArrayList<>(AnyOf.read(shape.parentColumn(), crmHeaderIds, false,
                anyOf -> connectors.dataverse().readAll(shape.crmLines(), anyOf, shape.crmKey() + ","
                        + shape.parentColumn() + "," + shape.lineNumber() + "," + CRM_LINE_COLUMNS)));
        rows.sort(Comparator.comparing((ObjectNode row) -> row.path("sequencenumber").asInt(Integer.MAX_VALUE))
                .thenComparing(row -> row.path(shape.crmKey()).asText()));
        return rows;
    }

    /** The couplings of the items the products of Dataverse lines {@code rows} are coupled with, by product id. */
    private Map<String, Coupling> items(List<ObjectNode> rows) {
        return couplings(DefaultMappings.ITEM_PRODUCT, rows, "_productid_value", true);
    }

    /**
     * Gives Dataverse lines the BC line numbers they have (a null number clears it), so that BC's later changes to
     * the document update those lines instead of adding others.
     */
    void numberLines(Map<String, Integer> numbers) {
        if (numbers != null && !numbers.isEmpty()) {
            connectors.dataverse().upsertMultiple(shape.crmLines(), shape.crmLogicalName(), numbers.entrySet().stream()
                    .map(line -> JSON.createObjectNode().put(shape.crmKey(), line.getKey())
                            .put(shape.lineNumber(), line.getValue())).toList());
        }
    }

    /** @throws RecordFailure when the line is a write-in product or its product is not coupled with an item */
    private ObjectNode bcLine(ObjectNode row, int number, Map<String, Coupling> items) {
        if (row.path("isproductoverridden").asBoolean()) {
            throw new RecordFailure("the write-in product \"" + row.path("productdescription").asText() + "\" has no "
                    + "Business Central item; choose a product that is coupled with an item");
        }
        String product = row.path("_productid_value").asText("");
        Coupling item = items.get(product);
        if (item == null) {
            throw new RecordFailure("the Dataverse product " + product + " must be coupled to a Business Central item "
                    + "(synchronize or couple the " + DefaultMappings.ITEM_PRODUCT + " mapping first)");
        }
        ObjectNode line = JSON.createObjectNode().put("sequence", number).put("lineType", "Item")
                .put("itemId", item.bcId());
        // what Dataverse leaves empty, BC fills: the price from the item, no discount
        for (String[] column : new String[][] {{"quantity", "quantity"}, {"priceperunit", "unitPrice"},
                {"manualdiscountamount", "discountAmount"}}) {
            if (row.hasNonNull(column[0])) {
                line.set(column[1], row.get(column[0]));
            }
        }
        return line;
    }

    /**
     * All rows in one request per batch; a refused batch is written row by row to find the bad ones. New lines name
     * their document, which only a create may, so no request is sent twice in place.
     */
    private void write(Map<String, ObjectNode> rows, Map<String, String> headerOfRow, Map<String, String> failures) {
        List<Map.Entry<String, ObjectNode>> all = new ArrayList<>(rows.entrySet());
        for (int from = 0; from < all.size(); from += ToDataversePass.BATCH) {
            List<Map.Entry<String, ObjectNode>> batch = all.subList(from, Math.min(all.size(), from + ToDataversePass.BATCH));
            try {
                connectors.dataverse().upsertMultipleWithNewRows(shape.crmLines(), shape.crmLogicalName(),
                        batch.stream().map(this::withKey).toList());
            } catch (RequestRejected refused) {
                for (Map.Entry<String, ObjectNode> row : batch) {
                    try {
                        connectors.dataverse().upsertMultipleWithNewRows(shape.crmLines(), shape.crmLogicalName(),
                                List.of(withKey(row)));
                    } catch (RequestRejected rowRefused) {
                        failures.putIfAbsent(headerOfRow.get(row.getKey()), "a line: " + rowRefused.getMessage());
                    }
                }
            }
        }
    }

    private ObjectNode withKey(Map.Entry<String, ObjectNode> row) {
        return row.getValue().deepCopy().put(shape.crmKey(), row.getKey());
    }

    /**
     * The couplings in {@code parentMapping} of the records {@code lines} refer to in {@code idField}: BC ids, or
     * with {@code byCrmId} Dataverse ids, by which the result is keyed.
     */
    private Map<String, Coupling> couplings(String parentMapping, List<ObjectNode> lines, String idField,
                                            boolean byCrmId) {
        List<String> ids = lines.stream().map(line -> line.path(idField).asText(""))
                .filter(id -> !id.isEmpty() && !id.equals(FieldMapping.Lookup.EMPTY_ID)).distinct().toList();
        return ids.isEmpty() ? Map.of()
                : store.couplings(connectors.profile().name(), parentMapping, ids, byCrmId);
    }

    /** The Dataverse id of a BC line, derived from it so that writing it again finds the same row. */
    private String lineId(ObjectNode line) {
        return RecordIds.destinationId(mapping.name() + " LINE", line.path("id").asText());
    }
}
