package org.crmsync.emulators.odata;

/**
 * A column of an emulated table.
 *
 * @param maxLength for strings; 0 when unbounded
 * @param readOnly  maintained by the service; a write that sets it is refused
 */
public record Column(String name, ColumnType type, int maxLength, boolean required, boolean readOnly) {

    public static Column string(String name, int maxLength) {
        return new Column(name, ColumnType.STRING, maxLength, false, false);
    }

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, 0, false, false);
    }

    public Column asRequired() {
        return new Column(name, type, maxLength, true, readOnly);
    }

    public Column asReadOnly() {
        return new Column(name, type, maxLength, required, true);
    }
}
