package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.bc.BusinessCentralClient;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.http.ODataReader;
import org.crmsync.activities.mapping.TableMapping;

/**
 * One system's table of a mapping, as a sync reads it: page by page within the mapping's filter and after
 * a watermark, by id for retries, and by id to find out which coupled records still exist.
 */
class RecordSide {

    /** Dataverse's modifiedon has second precision: read from a second before the watermark (apis.md A3). */
    private static final Duration DATAVERSE_OVERLAP = Duration.ofSeconds(1);

    private final ODataReader service;
    private final String entitySet;
    /** The mapping's filter, and for reading a sync's changes the echo filter on top. */
    private final String mappingFilter;
    private final String filter;
    private final String key;
    private final String modifiedOnField;
    private final String versionField;
    private final Duration overlap;
    private final String columns;
    private final String description;

    RecordSide(ODataReader service, String entitySet, String mappingFilter, String also, String key,
                       String modifiedOnField, String versionField, Duration overlap, String columns,
                       String description) {
        this.service = service;
        this.entitySet = entitySet;
        this.mappingFilter = mappingFilter;
        this.filter = and(mappingFilter, also);
        this.key = key;
        this.modifiedOnField = modifiedOnField;
        this.versionField = versionField;
        this.overlap = overlap;
        this.columns = columns;
        this.description = description;
    }

    /** A BC entity set, read whole: every API v2.0 record has an {@code id} and a {@code lastModifiedDateTime}. */
    static RecordSide businessCentral(BusinessCentralClient bc, TableMapping.BcTable table) {
        return new RecordSide(bc, table.entitySet(), table.filter(), null, "id", "lastModifiedDateTime", null,
                Duration.ZERO, null, "Business Central " + table.entitySet());
    }

    /**
     * A Dataverse table, read with {@code columns} besides its key, modifiedon, modifiedby and versionnumber.
     *
     * @param also a filter on top of the mapping's, or null
     */
    static RecordSide dataverse(DataverseClient dataverse, TableMapping.CrmTable table, Collection<String> columns,
                                String also) {
        Set<String> all = new LinkedHashSet<>(columns);
        all.add(table.key());
        all.add("modifiedon");
        all.add("_modifiedby_value");
        all.add("versionnumber");
        return new RecordSide(dataverse, table.entitySet(), table.filter(), also, table.key(), "modifiedon",
                "versionnumber", DATAVERSE_OVERLAP, String.join(",", all), "Dataverse " + table.logicalName());
    }

    /**
     * The first page of records within the mapping's filter.
     *
     * @param modifiedAfter only records modified after this; null for all
     */
    ODataPage firstPage(int pageSize, Instant modifiedAfter) {
        String changed = modifiedAfter == null ? null : modifiedOnField + " gt " + modifiedAfter.minus(overlap);
        return service.firstPage(entitySet, and(filter, changed), columns, pageSize);
    }

    ODataPage nextPage(String nextLink, int pageSize) {
        return service.nextPage(nextLink, pageSize);
    }

    /** The records among {@code ids} that exist and that a sync reads (within the mapping's filter, no echoes). */
    List<ObjectNode> read(Collection<String> ids) {
        return readById(ids, filter, columns);
    }

    /** The records among {@code ids} that exist within the mapping's filter, echoes or not: for a sync asked for. */
    List<ObjectNode> readWithinMapping(Collection<String> ids) {
        return readById(ids, mappingFilter, columns);
    }

    /** The records among {@code ids} that still exist, within the mapping's filter or not, by id. */
    Map<String, ObjectNode> current(Collection<String> ids) {
        Map<String, ObjectNode> found = new HashMap<>();
        readById(ids, null, columns).forEach(row -> found.put(id(row), row));
        return found;
    }

    List<ObjectNode> readById(Collection<String> ids, String within, String select) {
        return AnyOf.read(key, ids, false, anyOf -> service.firstPage(entitySet, and(within, anyOf), select,
                AnyOf.SLICE).rows());
    }

    String id(ObjectNode row) {
        return row.get(key).asText();
    }

    Instant modifiedOn(ObjectNode row) {
        return Instant.parse(row.get(modifiedOnField).asText());
    }

    /** The row's version, where the service keeps one (Dataverse's versionnumber); null otherwise. */
    Long version(ObjectNode row) {
        return versionField == null || !row.hasNonNull(versionField) ? null : row.get(versionField).asLong();
    }

    /**
     * Whether {@code row} changed since it was stamped {@code modifiedOn} and {@code version}: by version when
     * both are known (Dataverse's modifiedon has second precision), else by modified-on; never stamped is changed.
     */
    boolean changedSince(ObjectNode row, Instant modifiedOn, Long version) {
        Long current = version(row);
        if (version != null && current != null) {
            return current > version;
        }
        return modifiedOn == null || modifiedOn(row).isAfter(modifiedOn);
    }

    /** What a user calls a record of this table, for messages: "Dataverse account". */
    String describe() {
        return description;
    }

    /** {@code filter} and {@code more}, either of which may be null. */
    static String and(String filter, String more) {
        if (filter == null) {
            return more;
        }
        return more == null ? filter : "(" + filter + ") and (" + more + ")";
    }
}
