package org.crmsync.emulators.odata;

/** The value types the emulated tables hold. */
public enum ColumnType {
    STRING, GUID, INTEGER, DECIMAL, BOOLEAN, DATE_TIME, DATE
}
