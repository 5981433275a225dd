package org.crmsync.emulators.dataverse;

import java.util.List;

/**
 * A single-valued navigation property: written as {@code <navigation>@odata.bind}, read as
 * {@code _<name>_value}.
 *
 * @param targets the entity sets a bind may point at
 */
record Lookup(String navigation, String column, List<String> targets) {
}
