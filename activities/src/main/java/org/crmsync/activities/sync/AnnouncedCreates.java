package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.IntegrationStore;

/**
 * A page's creates in Business Central, announced in the store before any is sent. BC assigns a new record's id,
 * so when a create's answer is lost (a timeout, a dropped connection) nothing ties the record to its Dataverse row,
 * and the retried page would create it a second time. A create announced by an earlier attempt therefore first
 * looks among BC's uncoupled records changed since then for one with every value the create sends, and takes it.
 */
final class AnnouncedCreates {

    /** How far BC's clock may be behind this worker's when looking for what an earlier attempt created. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final Connectors connectors;
    private final IntegrationStore store;
    private final TableMapping mapping;
    /** The Dataverse rows an earlier attempt announced a create for. */
    private final Set<String> announcedBefore;
    /** BC's records an earlier attempt may have created, not yet taken. */
    private final List<ObjectNode> unclaimed;

    private AnnouncedCreates(Connectors connectors, IntegrationStore store, TableMapping mapping,
                             Set<String> announcedBefore, List<ObjectNode> unclaimed) {
        this.connectors = connectors;
        this.store = store;
        this.mapping = mapping;
        this.announcedBefore = announcedBefore;
        this.unclaimed = unclaimed;
    }

    /**
     * Announces the creates of {@code sourceIds}, and when some were announced before, reads the BC records
     * changed since the first of those announcements that nothing is coupled to.
     */
    static AnnouncedCreates announce(Connectors connectors, IntegrationStore store, TableMapping mapping,
                                     RecordSide bc, List<String> sourceIds, Instant now) {
        if (sourceIds.isEmpty()) {
            return new AnnouncedCreates(connectors, store, mapping, Set.of(), List.of());
        }
        String profile = connectors.profile().name();
        Map<String, Instant> earlier = store.announceCreates(profile, mapping.name(), sourceIds, now);
        if (earlier.isEmpty()) {
            return new AnnouncedCreates(connectors, store, mapping, Set.of(), List.of());
        }
        Instant since = Collections.min(earlier.values()).minus(CLOCK_SKEW);
        List<ObjectNode> changed = connectors.bc().readAll(mapping.bc().entitySet(), "lastModifiedDateTime ge " + since);
        Set<String> coupled = store.couplings(profile, mapping.name(), changed.stream().map(bc::id).toList(), false)
                .keySet();
        List<ObjectNode> unclaimed = new ArrayList<>(changed.stream().filter(row -> !coupled.contains(bc.id(row)))
                .toList());
        return new AnnouncedCreates(connectors, store, mapping, earlier.keySet(), unclaimed);
    }

    /**
     * The BC record for {@code sourceId}: the one an earlier attempt created, if it finds one, or else a new one made
     * of {@code body}. A create BC refuses withdraws its announcement, since nothing was created.
     */
    ObjectNode create(String sourceId, ObjectNode body) {
        if (announcedBefore.contains(sourceId)) {
            for (Iterator<ObjectNode> candidates = unclaimed.iterator(); candidates.hasNext(); ) {
                ObjectNode candidate = candidates.next();
                // nested lines are BC's to number and price, so only plain values are compared
                if (FieldTransfer.holdsEvery(candidate, body)) {
                    candidates.remove();
                    return candidate;
                }
            }
        }
        try {
            return connectors.bc().create(mapping.bc().entitySet(), body);
        } catch (RequestRejected refused) {
            store.withdrawCreates(connectors.profile().name(), mapping.name(), List.of(sourceId));
            throw refused;
        }
    }
}
