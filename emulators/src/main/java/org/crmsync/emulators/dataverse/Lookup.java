package org.crmsync.emulators.dataverse;

import java.util.List;

/**
 * A single-valued navigation property: written as {@code <navigation>@odata.bind}, read as
 * {@code _<name>_value}.
 *
 * @param targets the entity sets a bind may point at
 * @param when    on which writes the bind is accepted
 */
record Lookup(String navigation, String column, List<String> targets, When when) {

    /** Some lookups can only be set when a row is created, others only once it exists (apis.md A10). */
    enum When { ALWAYS, CREATE_ONLY, UPDATE_ONLY }

    Lookup(String navigation, String column, String... targets) {
        this(navigation, column, List.of(targets), When.ALWAYS);
    }

    Lookup on(When when) {
        return new Lookup(navigation, column, targets, when);
    }
}
