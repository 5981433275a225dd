package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crmsync.activities.bc.BusinessCentralClient;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.activities.store.ItemAvailability;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.activities.store.RecordError;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Item availability (bc-integration.md §2, a job beside the mappings). BC posts into its item ledger without
 * modifying the item, so a changed inventory never reaches an incremental ITEM-PRODUCT job. A refresh reads the
 * ledger's new entries and writes the current inventory of their items, where coupled, to the products' quantity
 * on hand, as the mapping's field does; the first refresh writes every coupled item's. Only that column is
 * written, so nothing else a salesperson changed on a product is overwritten or in conflict. A product that
 * refuses the write is a failure of its item in ITEM-PRODUCT, which the mapping's next job retries first.
 */
final class ItemAvailabilityRefresh {

    static final String LEDGER = "itemLedgerEntries";
    /** Products per $batch of updates. */
    private static final int PRODUCTS_PER_BATCH = 100;
    private static final int LEDGER_PAGE = 5000;

    private final IntegrationStore store;
    private final Clock clock;

    ItemAvailabilityRefresh(IntegrationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param jobId     the job a failure is recorded under
     * @param heartbeat called after each page read and each batch written
     */
    JobCounters refresh(String profile, String jobId, Connectors clients, Runnable heartbeat) {
        ItemAvailability state = store.itemAvailability(profile);
        if (!state.enabled()) {
            return JobCounters.ZERO; // turned off since the sync planned
        }
        TableMapping mapping = store.mapping(profile, DefaultMappings.ITEM_PRODUCT);
        BusinessCentralClient bc = clients.bc();
        long lastEntry;
        List<ObjectNode> items;
        if (state.lastEntryNumber() == null) {
            lastEntry = bc.lastEntryNumber(LEDGER);
            items = bc.readAll(mapping.bc().entitySet(), mapping.bc().filter());
        } else {
            Set<String> numbers = new LinkedHashSet<>();
            lastEntry = state.lastEntryNumber();
            for (ODataPage page = bc.firstPage(LEDGER, "entryNumber gt " + lastEntry, "entryNumber,itemNumber",
                    LEDGER_PAGE); ; page = bc.nextPage(page.nextLink(), LEDGER_PAGE)) {
                for (ObjectNode entry : page.rows()) {
                    numbers.add(entry.path("itemNumber").asText());
                    lastEntry = Math.max(lastEntry, entry.path("entryNumber").asLong());
                }
                heartbeat.run();
                if (page.nextLink() == null) {
                    break;
                }
            }
            items = byNumber(bc, mapping, numbers);
        }
        Optional<FieldMapping> inventory = mapping.fields().stream()
                .filter(field -> ProductTransformation.QUANTITY_ON_HAND.equals(field.crmField())
                        && field.direction() != Direction.FROM_INTEGRATION_TABLE && field.bcField() != null)
                .findFirst();
        JobCounters counters = inventory.isEmpty() ? JobCounters.ZERO
                : write(profile, jobId, clients, mapping, inventory.get().bcField(), items, heartbeat);
        store.advanceItemAvailability(profile, lastEntry);
        return counters;
    }

    /** The items of {@code numbers} within the mapping's filter, read a slice of numbers at a time. */
    private static List<ObjectNode> byNumber(BusinessCentralClient bc, TableMapping mapping, Set<String> numbers) {
        String filter = mapping.bc().filter();
        return AnyOf.read("number", numbers, true, anyOf -> bc.readAll(mapping.bc().entitySet(),
                filter == null ? anyOf : "(" + filter + ") and (" + anyOf + ")"));
    }

    private JobCounters write(String profile, String jobId, Connectors clients, TableMapping mapping,
                              String inventoryField, List<ObjectNode> items, Runnable heartbeat) {
        List<String> ids = items.stream().map(item -> item.path("id").asText()).toList();
        Map<String, Coupling> couplings = store.couplings(profile, mapping.name(), ids, false);
        Map<String, FailedRecord> failures = store.failures(profile, mapping.name(), Direction.TO_INTEGRATION_TABLE,
                ids);
        long skipped = 0;
        List<ObjectNode> coupled = new ArrayList<>();
        for (ObjectNode item : items) {
            String id = item.path("id").asText();
            FailedRecord failure = failures.get(id);
            if (failure != null && failure.skipped()) {
                skipped++; // a skipped record waits for a user's retry (§6)
            } else if (couplings.containsKey(id) && item.path(inventoryField).isNumber()) {
                coupled.add(item);
            }
        }
        long modified = 0;
        List<RecordError> errors = new ArrayList<>();
        for (int from = 0; from < coupled.size(); from += PRODUCTS_PER_BATCH) {
            List<ObjectNode> slice = coupled.subList(from, Math.min(coupled.size(), from + PRODUCTS_PER_BATCH));
            List<Map.Entry<String, ObjectNode>> rows = new ArrayList<>();
            for (ObjectNode item : slice) {
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                row.put(ProductTransformation.QUANTITY_ON_HAND,
                        ProductTransformation.quantityOnHand(item.get(inventoryField).decimalValue()));
                rows.add(new AbstractMap.SimpleEntry<>(couplings.get(item.path("id").asText()).crmId(), row));
            }
            List<String> outcomes = clients.dataverse().updateBatch(mapping.crm().entitySet(), rows);
            for (int i = 0; i < slice.size(); i++) {
                if (outcomes.get(i) == null) {
                    modified++;
                } else {
                    ObjectNode item = slice.get(i);
                    errors.add(new RecordError(item.path(mapping.bc().keyField()).asText(), item.path("id").asText(),
                            rows.get(i).getKey(), "Item availability: the product refused its quantity on hand: "
                            + outcomes.get(i)));
                }
            }
            heartbeat.run();
        }
        if (!errors.isEmpty()) {
            store.recordFailures(profile, mapping.name(), Direction.TO_INTEGRATION_TABLE, jobId, errors, clock.instant());
        }
        return new JobCounters(0, modified, 0, 0, skipped, errors.size(), 0, 0);
    }
}
