package org.crmsync.emulators.odata;

/**
 * A column of an emulated table.
 *
 * @param maxLength for strings; 0 when unbounded
 * @param readOnly  maintained by the service; a write that sets it is refused
 * @param blank     the text a string column holds when nothing was written to it; null for ""
 */
public record Column(String name, ColumnType type, int maxLength, boolean required, boolean readOnly, String blank) {

    public Column(String name, ColumnType type, int maxLength, boolean required, boolean readOnly) {
        this(name, type, maxLength, required, readOnly, null);
    }

    public static Column string(String name, int maxLength) {
        return new Column(name, ColumnType.STRING, maxLength, false, false);
    }

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, 0, false, false);
    }

    public Column asRequired() {
        return new Column(name, type, maxLength, true, readOnly, blank);
    }

    public Column asReadOnly() {
        return new Column(name, type, maxLength, required, true, blank);
    }

    /** A string column whose blank is {@code text}, as BC's enums whose first value is " ". */
    public Column blankAs(String text) {
        return new Column(name, type, maxLength, required, readOnly, text);
    }
}
