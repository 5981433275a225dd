package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;

/**
 * One mapping synchronized in one direction: where records come from and go, how they are matched,
 * transformed, compared and written. The decisions that are the same for every mapping (changed or not,
 * insert or modify, retry, skip, conflicts, deletion conflicts, counting) live in {@link PageDecision}.
 */
abstract class TablePass {

    protected final TableMapping mapping;
    protected final Connectors connectors;
    protected final RecordSide source;
    protected final RecordSide destination;
    protected final FieldTransfer fields;
    protected final IntegrationStore store;
    private final boolean toCrm;
    private RecordMatcher pageMatcher;
    private Set<String> outsideFilter = Set.of();

    /** @param direction {@link Direction#TO_INTEGRATION_TABLE} or {@link Direction#FROM_INTEGRATION_TABLE} */
    protected TablePass(TableMapping mapping, Connectors connectors, IntegrationStore store, Direction direction,
                        RecordSide source, RecordSide destination) {
        this.mapping = mapping;
        this.connectors = connectors;
        this.store = store;
        this.source = source;
        this.destination = destination;
        this.toCrm = direction == Direction.TO_INTEGRATION_TABLE;
        this.fields = new FieldTransfer(mapping, new Lookups(connectors, store, mapping), direction);
    }

    /**
     * Prepares matching the page's {@code uncoupled} records with uncoupled destination rows whose match fields
     * agree (§7): always when the mapping matches while syncing (currencies, salespeople), and when asked to
     * ({@code matchFirst}), so that a full sync couples what exists on both sides instead of duplicating it.
     */
    final void prepareMatching(List<ObjectNode> uncoupled, boolean matchFirst) {
        pageMatcher = null;
        outsideFilter = Set.of();
        if (!matches(matchFirst) || uncoupled.isEmpty()) {
            return;
        }
        MatchCandidates candidates = matchCandidates(uncoupled);
        Set<String> coupled = new HashSet<>(store.couplings(connectors.profile().name(), mapping.name(),
                candidates.rows().stream().map(destination::id).toList(), toCrm).keySet());
        pageMatcher = new RecordMatcher(mapping, toCrm, candidates.rows(), toCrm ? mapping.crm().key() : "id", coupled);
        pageMatcher.contest(uncoupled);
        outsideFilter = candidates.outsideFilter();
    }

    /** Whether uncoupled records are matched with destination rows: see {@link #prepareMatching}. */
    final boolean matches(boolean matchFirst) {
        return (mapping.matchWhileSyncing() || matchFirst) && !mapping.matchGroups().isEmpty();
    }

    /** The destination rows that may match some of {@code uncoupled}, with their match columns, filter or not. */
    abstract MatchCandidates matchCandidates(List<ObjectNode> uncoupled);

    /** The destination row {@code row} matches as another record of the page does; null when none. */
    final String contested(ObjectNode row) {
        return pageMatcher == null ? null : pageMatcher.contested(row);
    }

    /** Destination rows that match {@code row} equally well, when there are several. */
    final List<String> rivals(ObjectNode row) {
        return pageMatcher == null ? List.of() : pageMatcher.rivals(row);
    }

    /** Whether a matched destination row is one the mapping's filter leaves out. */
    final boolean outsideFilter(String destinationId) {
        return outsideFilter.contains(destinationId);
    }

    final TableMapping mapping() {
        return mapping;
    }

    final RecordSide source() {
        return source;
    }

    final RecordSide destination() {
        return destination;
    }

    /** Whether the source is Dataverse (couplings are then looked up by CRM id). */
    final boolean sourceIsDataverse() {
        return !toCrm;
    }

    /** The business key a user recognises: a customer number, a currency code, an e-mail. */
    final String sourceKey(ObjectNode row) {
        return row.path(toCrm ? mapping.bc().keyField() : mapping.crm().keyField()).asText(source.id(row));
    }

    /**
     * An uncoupled destination row that matches {@code row} by the mapping's match fields, now taken; null if
     * none. {@link #prepareMatching} must have seen {@code row}.
     */
    final String match(ObjectNode row) {
        return pageMatcher == null ? null : pageMatcher.match(row);
    }

    /** Whether an uncoupled record that matched nothing may be inserted (in a full sync, §5). */
    abstract boolean insertsUncoupled();

    /** The id a new destination row for {@code sourceId} gets; null when the destination assigns it. */
    abstract String newDestinationId(String sourceId);

    /** Reads at once what transforming the page's {@code rows} will need. */
    void beforePage(List<ObjectNode> rows) {
        fields.prepare(rows);
    }

    /**
     * The destination fields for {@code row}.
     *
     * @throws RecordFailure when a field cannot be transferred
     */
    ObjectNode transform(ObjectNode row) {
        return fields.transfer(row);
    }

    /** Reads at once what the page's records about to be inserted, {@code rows}, need beyond {@link #beforePage}. */
    void beforeInserts(List<ObjectNode> rows) {
    }

    /**
     * The destination fields of a new record made of {@code row}: {@link #transform}'s, and whatever only a new
     * record is given.
     *
     * @throws RecordFailure when a field cannot be transferred
     */
    ObjectNode transformForInsert(ObjectNode row) {
        return transform(row);
    }

    /** The bidirectional fields, by caption, whose value in {@code body} differs from the destination's {@code row}. */
    final List<String> differences(ObjectNode body, ObjectNode row) {
        return fields.differences(body, row);
    }

    /** Whether the coupled source {@code row} changed since the pair was last synchronized. */
    abstract boolean sourceChanged(ObjectNode row, Coupling coupling);

    /** Whether the coupled destination {@code row} changed since the pair was last synchronized. */
    abstract boolean destinationChanged(ObjectNode row, Coupling coupling);

    /** Writes the page's changes; a record the destination refuses is an outcome, not an exception. */
    abstract List<WriteOutcome> write(List<PendingWrite> writes);

    /** The coupling a successful write leaves behind. */
    abstract Coupling couplingAfter(WriteOutcome outcome);
}
