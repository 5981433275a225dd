package org.crmsync.activities.mapping;

import org.crmsync.workflows.plan.Direction;

/**
 * An integration field mapping (BC's table 5336): one BC field and one Dataverse column, or a constant
 * written to one side.
 *
 * @param bcField                the BC field; null for a constant written to Dataverse
 * @param crmField               the Dataverse column, or for a lookup its navigation property; null for a
 *                               constant written to BC
 * @param constantValue          a JSON literal written instead of a field's value, or null
 * @param lookup                 how a code resolves to the row of another mapping, or null for a plain value
 * @param clearValueOnFailedSync an unresolved lookup writes null instead of failing the record
 * @param notNull                a lookup that resolves to nothing leaves the destination as it is
 * @param matchPriority          0 when not used for match-based coupling; otherwise its group, lowest first
 * @param caseSensitiveMatching  text compares exactly when matching; otherwise regardless of case
 */
public record FieldMapping(String bcField, String crmField, Direction direction, String constantValue, Lookup lookup,
                           boolean clearValueOnFailedSync, boolean notNull, int matchPriority,
                           boolean caseSensitiveMatching) {

    /**
     * A lookup: the BC field holds a code of the parent mapping's BC table, and the Dataverse column is a
     * reference to the row coupled with that record. It resolves only through the parent's couplings.
     *
     * @param parentCodeField      the field of the parent's BC table that holds the code: {@code id} when the
     *                             BC field holds the record's id, as {@code paymentTermsId} does
     * @param crmTargetSet         the entity set the reference points into; null for an option lookup, whose
     *                             Dataverse column holds the number of the option coupled with the record
     * @param blankIsLocalCurrency a blank code means the local currency (bc-integration.md §3)
     */
    public record Lookup(String parentMapping, String parentCodeField, String crmTargetSet,
                         boolean blankIsLocalCurrency) {

        /** The id of the BC record that no reference means (apis.md B2: an empty GUID means none). */
        public static final String EMPTY_ID = "00000000-0000-0000-0000-000000000000";

        /** A BC field holding the id of a record of an option mapping, and the choice column holding its option. */
        public static Lookup option(String parentMapping) {
            return new Lookup(parentMapping, "id", null, false);
        }

        /** Whether the Dataverse column holds an option number rather than a reference to a row. */
        public boolean toOption() {
            return crmTargetSet == null;
        }

        /** Whether the BC field holds the parent record's id rather than a code. */
        public boolean byId() {
            return parentCodeField.equals("id");
        }

        /** What the BC field holds when it refers to nothing. */
        public String blank() {
            return byId() ? EMPTY_ID : "";
        }
    }

    public static FieldMapping field(String bcField, String crmField, Direction direction) {
        return new FieldMapping(bcField, crmField, direction, null, null, false, false, 0, false);
    }

    /** A constant written to Dataverse. */
    public static FieldMapping constantToCrm(String crmField, String jsonLiteral) {
        return new FieldMapping(null, crmField, Direction.TO_INTEGRATION_TABLE, jsonLiteral, null, false, false, 0, false);
    }

    public static FieldMapping lookup(String bcField, String navigation, Direction direction, Lookup lookup) {
        return new FieldMapping(bcField, navigation, direction, null, lookup, false, false, 0, false);
    }

    public FieldMapping matchedAt(int priority) {
        return new FieldMapping(bcField, crmField, direction, constantValue, lookup, clearValueOnFailedSync, notNull,
                priority, caseSensitiveMatching);
    }

    public FieldMapping notNullable() {
        return new FieldMapping(bcField, crmField, direction, constantValue, lookup, clearValueOnFailedSync, true,
                matchPriority, caseSensitiveMatching);
    }

    public FieldMapping clearingValueOnFailedSync() {
        return new FieldMapping(bcField, crmField, direction, constantValue, lookup, true, notNull, matchPriority,
                caseSensitiveMatching);
    }

    /** How a user sees the BC field in a message: {@code salespersonCode} → "Salesperson Code". */
    public String bcCaption() {
        StringBuilder caption = new StringBuilder();
        for (char c : bcField.toCharArray()) {
            if (caption.isEmpty()) {
                caption.append(Character.toUpperCase(c));
            } else {
                caption.append(Character.isUpperCase(c) ? " " + c : String.valueOf(c));
            }
        }
        return caption.toString();
    }
}
