package org.crmsync.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.MappingOptions;
import org.crmsync.activities.mapping.DeletionConflict;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.mapping.UpdateConflict;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SalesOrderIntegration;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store's guarantees, on H2 always and on PostgreSQL when {@code CRMSYNC_TEST_POSTGRES_URL} names one
 * (.ci/run starts one). Each test works in a profile of its own, so the databases need no cleaning.
 */
class IntegrationStoreTest {

    private static final Direction TO = Direction.TO_INTEGRATION_TABLE;
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00.123Z");

    @TempDir
    static Path h2Dir;
    private static final List<IntegrationStore> OPENED = new ArrayList<>();

    static Stream<IntegrationStore> stores() {
        List<IntegrationStore> stores = new ArrayList<>();
        stores.add(IntegrationStore.open("jdbc:h2:file:" + h2Dir.resolve("store"), "sa", ""));
        String postgres = System.getenv("CRMSYNC_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            stores.add(IntegrationStore.open(postgres, null, null));
        }
        OPENED.addAll(stores);
        return stores.stream();
    }

    @AfterAll
    static void close() {
        OPENED.forEach(IntegrationStore::close);
    }

    /** A profile of the test's own; job ids are unique across profiles, so they get its name too. */
    private static String profile() {
        return "test-" + UUID.randomUUID();
    }

    private static PageCommit page(String job, int pagesBefore, boolean done, List<Coupling> couplings,
                                   List<String> succeeded, List<RecordError> errors, Instant maxModifiedOn) {
        JobCounters counters = new JobCounters(couplings.size(), 0, 0, 0, 0, errors.size(), 0, 0);
        return new PageCommit(job, TO, pagesBefore, JobPhase.SCAN, done ? null : "next-" + pagesBefore, done,
                couplings, List.of(), List.of(), succeeded, counters, errors, maxModifiedOn);
    }

    private static RecordError error(String id, String message) {
        return new RecordError("KEY-" + id, id, null, message);
    }

    @Test
    void anH2FileStoreWritesEachCommitAtOnceUnlessTheUrlSaysOtherwise() {
        assertEquals("jdbc:h2:file:/x/store;WRITE_DELAY=0", IntegrationStore.durable("jdbc:h2:file:/x/store"));
        assertEquals("jdbc:h2:file:/x/store;write_delay=200",
                IntegrationStore.durable("jdbc:h2:file:/x/store;write_delay=200"));
        assertEquals("jdbc:h2:mem:store", IntegrationStore.durable("jdbc:h2:mem:store"));
        assertEquals("jdbc:postgresql://db/crmsync", IntegrationStore.durable("jdbc:postgresql://db/crmsync"));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aPageCommittedTwiceCountsOnce(IntegrationStore store) {
        String profile = profile();
        store.openJob(profile + "/job", TO, profile, "CUSTOMER", true, T0);
        Coupling pair = new Coupling("bc-1", "crm-1", T0, T0.plusSeconds(1), 42L);
        PageCommit first = page(profile + "/job", 0, false, List.of(pair), List.of("bc-1"), List.of(), T0);

        assertTrue(store.commitPage(profile, "CUSTOMER", first, T0));
        assertFalse(store.commitPage(profile, "CUSTOMER", first, T0), "the replayed commit must be refused");

        JobState job = store.job(profile + "/job", TO);
        assertEquals(1, job.pages());
        assertEquals(1, job.counters().inserted());
        assertEquals("next-0", job.cursor());
        assertEquals(Map.of("bc-1", pair), store.couplings(profile, "CUSTOMER", List.of("bc-1"), false));
        assertEquals(pair, store.couplings(profile, "CUSTOMER", List.of("crm-1"), true).get("crm-1"),
                "couplings are found by either side's id, timestamps to the millisecond");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theWatermarkIsTheLatestRecordReadCappedAtTheJobStartAndNeverMovesBack(IntegrationStore store) {
        String profile = profile();
        Instant start = T0.plusSeconds(3600);
        assertEquals(JobPhase.SCAN, store.openJob(profile + "/full", TO, profile, "CUSTOMER", true, start).phase());
        store.commitPage(profile, "CUSTOMER", page(profile + "/full", 0, false, List.of(), List.of(), List.of(), T0), start);
        assertNull(store.watermark(profile, "CUSTOMER", TO), "no watermark before the job finishes");
        store.commitPage(profile, "CUSTOMER", page(profile + "/full", 1, true, List.of(), List.of(), List.of(),
                T0.plusSeconds(60)), start);
        assertEquals(T0.plusSeconds(60), store.watermark(profile, "CUSTOMER", TO));

        JobState incremental = store.openJob(profile + "/incr", TO, profile, "CUSTOMER", false, start.plusSeconds(60));
        assertEquals(JobPhase.RETRY, incremental.phase(), "an incremental job retries earlier failures first");
        assertEquals(T0.plusSeconds(60), incremental.modifiedAfter());
        // A record modified after the job started is read again by the next job.
        store.commitPage(profile, "CUSTOMER", page(profile + "/incr", 0, true, List.of(), List.of(), List.of(),
                start.plusSeconds(600)), start.plusSeconds(60));
        assertEquals(start.plusSeconds(60), store.watermark(profile, "CUSTOMER", TO));

        store.openJob(profile + "/older", TO, profile, "CUSTOMER", false, start.plusSeconds(120));
        store.commitPage(profile, "CUSTOMER", page(profile + "/older", 0, true, List.of(), List.of(), List.of(), T0),
                start.plusSeconds(120));
        assertEquals(start.plusSeconds(60), store.watermark(profile, "CUSTOMER", TO), "watermarks never move back");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theSameErrorInTwoConsecutiveJobsSkipsTheRecordUntilRetried(IntegrationStore store) {
        String profile = profile();
        store.openJob(profile + "/j1", TO, profile, "CUSTOMER", true, T0);
        store.commitPage(profile, "CUSTOMER", page(profile + "/j1", 0, true, List.of(), List.of(),
                List.of(error("a", "Currency Code EUR must be coupled"), error("b", "Name is too long")), T0), T0);
        assertEquals(List.of("a", "b"), ids(store.failuresToRetry(profile, "CUSTOMER", TO, profile + "/j2", null, 10)));
        assertEquals(List.of(), store.failuresToRetry(profile, "CUSTOMER", TO, profile + "/j1", null, 10),
                "a job does not retry what it failed itself");
        assertEquals(List.of("b"), ids(store.failuresToRetry(profile, "CUSTOMER", TO, profile + "/j2", "a", 10)));

        store.openJob(profile + "/j2", TO, profile, "CUSTOMER", false, T0);
        store.commitPage(profile, "CUSTOMER", page(profile + "/j2", 0, true, List.of(), List.of(),
                List.of(error("a", "Currency Code EUR must be coupled"), error("b", "Name is blank")), T0), T0);
        Map<String, FailedRecord> failures = store.failures(profile, "CUSTOMER", TO, List.of("a", "b"));
        assertTrue(failures.get("a").skipped(), "the same error twice skips the record");
        assertFalse(failures.get("b").skipped(), "a different error is a new failure");
        assertEquals("Name is blank", failures.get("b").message());
        assertEquals(List.of("b"), ids(store.failuresToRetry(profile, "CUSTOMER", TO, profile + "/j3", null, 10)));

        assertEquals(1, store.retrySkipped(profile, "CUSTOMER"));
        store.openJob(profile + "/j3", TO, profile, "CUSTOMER", false, T0);
        store.commitPage(profile, "CUSTOMER", page(profile + "/j3", 0, true, List.of(new Coupling("a", "crm-a", T0, null, null)),
                List.of("a"), List.of(), T0), T0);
        assertEquals(List.of("b"), ids(store.failures(profile, "CUSTOMER", TO)),
                "a record synchronized at last is no longer failed");
        assertEquals(4, store.errors(profile, "CUSTOMER").size(), "the error log keeps every failure");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void itemAvailabilityKeepsItsPlaceInTheLedgerWhileOnAndForgetsItWhenTurnedOff(IntegrationStore store) {
        String profile = profile();
        assertEquals(ItemAvailability.OFF, store.itemAvailability(profile));
        store.advanceItemAvailability(profile, 7);
        assertEquals(ItemAvailability.OFF, store.itemAvailability(profile), "an option that is off reads nothing");

        store.enableItemAvailability(profile, true);
        assertEquals(new ItemAvailability(true, null), store.itemAvailability(profile), "the first refresh: all items");
        store.advanceItemAvailability(profile, 42);
        store.enableItemAvailability(profile, true);
        assertEquals(new ItemAvailability(true, 42L), store.itemAvailability(profile), "turned on again: same place");

        store.enableItemAvailability(profile, false);
        store.enableItemAvailability(profile, true);
        assertEquals(new ItemAvailability(true, null), store.itemAvailability(profile),
                "postings while it was off are not known: everything is refreshed once more");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void failuresRecordedOutsideAJobAreRetriedByTheNextAndSkipLikeItsOwn(IntegrationStore store) {
        String profile = profile();
        store.recordFailures(profile, "ITEM-PRODUCT", TO, profile + "/refresh1", List.of(error("a", "gone")), T0);
        assertEquals(List.of("a"), ids(store.failuresToRetry(profile, "ITEM-PRODUCT", TO, profile + "/j1", null, 10)));
        store.recordFailures(profile, "ITEM-PRODUCT", TO, profile + "/refresh2", List.of(error("a", "gone")), T0);
        assertTrue(store.failures(profile, "ITEM-PRODUCT", TO, List.of("a")).get("a").skipped());
        assertEquals(2, store.errors(profile, "ITEM-PRODUCT").size());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aRemovedCouplingIsGone(IntegrationStore store) {
        String profile = profile();
        store.openJob(profile + "/j1", TO, profile, "CUSTOMER", true, T0);
        store.commitPage(profile, "CUSTOMER", page(profile + "/j1", 0, true, List.of(new Coupling("a", "crm-a", T0, null, null),
                new Coupling("b", "crm-b", T0, null, null)), List.of(), List.of(), T0), T0);
        store.openJob(profile + "/j2", TO, profile, "CUSTOMER", false, T0);
        store.commitPage(profile, "CUSTOMER", new PageCommit(profile + "/j2", TO, 0, JobPhase.SCAN, null, true, List.of(),
                List.of(), List.of("a"), List.of(), new JobCounters(0, 0, 0, 0, 0, 0, 0, 1), List.of(), null), T0);
        assertEquals(List.of("b"), List.copyOf(store.couplings(profile, "CUSTOMER").keySet()));
        assertEquals(1, store.job(profile + "/j2", TO).counters().uncoupled());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aCreateStaysAnnouncedFromItsFirstAttemptUntilItsRecordIsCoupledOrRefused(IntegrationStore store) {
        String profile = profile();
        Instant later = T0.plusSeconds(60);
        assertEquals(Map.of(), store.announceCreates(profile, "CUSTOMER", List.of("crm-a", "crm-b", "crm-c"), T0));
        assertEquals(Map.of("crm-a", T0, "crm-b", T0), store.announceCreates(profile, "CUSTOMER",
                List.of("crm-a", "crm-b"), later), "a retry learns when each create was first announced");
        assertEquals(Map.of(), store.announceCreates(profile, "CONTACT", List.of("crm-a"), later), "per mapping");

        store.couple(profile, "CUSTOMER", Direction.FROM_INTEGRATION_TABLE, new Coupling("bc-a", "crm-a", T0, T0, null), null);
        store.withdrawCreates(profile, "CUSTOMER", List.of("crm-b"));
        assertEquals(Map.of("crm-c", T0), store.announceCreates(profile, "CUSTOMER",
                List.of("crm-a", "crm-b", "crm-c"), later), "coupled and refused creates are announced afresh");

        // coupled otherwise, as by a match in the other direction, its record needs no looking for either
        store.openJob(profile + "/match", TO, profile, "CUSTOMER", false, T0);
        store.commitPage(profile, "CUSTOMER", page(profile + "/match", 0, true,
                List.of(new Coupling("bc-c", "crm-c", T0, T0, null)), List.of("bc-c"), List.of(), T0), T0);
        assertEquals(Map.of(), store.announceCreates(profile, "CUSTOMER", List.of("crm-c"), later));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aProfileStartsWithTheDefaultMappingsWhichAUserCanChangeAndReset(IntegrationStore store) {
        String profile = profile();
        assertEquals(DefaultMappings.all(), store.mappings(profile), "every field of every mapping survives the store");

        TableMapping customer = store.mapping(profile, DefaultMappings.CUSTOMER);
        TableMapping changed = new TableMapping(customer.name(), customer.direction(), customer.dependencyFilter(),
                customer.bc(), customer.crm(), customer.fields().subList(0, 3), customer.synchOnlyCoupledRecords(),
                customer.matchWhileSyncing(), customer.transformation(), DeletionConflict.REMOVE_COUPLING,
                UpdateConflict.SEND_UPDATE_TO_INTEGRATION);
        store.saveMapping(profile, changed);
        assertEquals(changed, store.mapping(profile, DefaultMappings.CUSTOMER));
        assertEquals(DefaultMappings.all().stream().map(TableMapping::name).toList(),
                store.mappings(profile).stream().map(TableMapping::name).toList(), "a changed mapping keeps its place");
        assertEquals(DefaultMappings.all(), store.mappings(profile()), "other profiles keep their own");

        store.resetMappings(profile, new MappingOptions(null, null));
        assertEquals(DefaultMappings.all(), store.mappings(profile));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aResetKeepsTheOptionsNotChosen(IntegrationStore store) {
        String profile = profile();
        assertEquals(MappingOptions.DEFAULT, MappingOptions.of(store.mappings(profile)));

        store.resetMappings(profile, new MappingOptions(SalesOrderIntegration.BIDIRECTIONAL, null));
        TableMapping orders = store.mapping(profile, DefaultMappings.SALESORDER_ORDER);
        assertEquals(Direction.BIDIRECTIONAL, orders.direction());
        assertEquals("statecode eq 1", orders.crm().filter(), "only submitted orders come to BC");
        MappingOptions bidirectional = new MappingOptions(SalesOrderIntegration.BIDIRECTIONAL, OwnershipModel.PERSON);
        assertEquals(DefaultMappings.all(bidirectional), store.mappings(profile));

        store.resetMappings(profile, new MappingOptions(null, OwnershipModel.TEAM));
        MappingOptions teamOwned = new MappingOptions(SalesOrderIntegration.BIDIRECTIONAL, OwnershipModel.TEAM);
        assertEquals(teamOwned, MappingOptions.of(store.mappings(profile)), "choosing the ownership keeps the orders");
        assertEquals(DefaultMappings.all(teamOwned), store.mappings(profile));

        store.resetMappings(profile, new MappingOptions(null, null));
        assertEquals(DefaultMappings.all(teamOwned), store.mappings(profile), "a reset without a choice keeps both");
        store.resetMappings(profile, MappingOptions.DEFAULT);
        assertEquals(DefaultMappings.all(), store.mappings(profile));
    }

    private static List<String> ids(List<FailedRecord> failures) {
        return failures.stream().map(FailedRecord::sourceId).toList();
    }
}
