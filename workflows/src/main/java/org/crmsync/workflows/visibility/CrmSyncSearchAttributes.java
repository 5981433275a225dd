package org.crmsync.workflows.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed search attributes crmsync's workflows carry, so that the Temporal UI and {@code temporal
 * workflow list --query} find a profile's syncs, those that need attention, or one mapping's runs. They
 * must be registered on the server first: {@code crmsync temporal init}, or the dev server's
 * {@code --search-attribute} flags.
 */
public final class CrmSyncSearchAttributes {

    /** The connection profile a workflow works for; on every crmsync workflow. */
    public static final SearchAttributeKey<String> PROFILE = SearchAttributeKey.forKeyword("CrmSyncProfile");
    /** A full or incremental sync's status: RUNNING, NEEDS_ATTENTION, FINISHED, … */
    public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("CrmSyncStatus");
    /** The mapping a table sync runs. */
    public static final SearchAttributeKey<String> MAPPING = SearchAttributeKey.forKeyword("CrmSyncMapping");

    public static final List<SearchAttributeKey<String>> ALL = List.of(PROFILE, STATUS, MAPPING);

    /** Name and server-side type of each, as an add-search-attributes request wants them. */
    public static Map<String, IndexedValueType> indexedTypes() {
        Map<String, IndexedValueType> types = new LinkedHashMap<>();
        ALL.forEach(key -> types.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        return types;
    }

    private CrmSyncSearchAttributes() {
    }
}
