package org.crmsync.activities.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.MappingOptions;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.JobCounters;
import org.flywaydb.core.Flyway;

/**
 * The integration store over JDBC: couplings, sync jobs with their committed cursors and counters,
 * watermarks, failed and skipped records, and the error log. H2 by default, PostgreSQL in production; the
 * schema comes from Flyway migrations.
 */
public final class IntegrationStore implements AutoCloseable {

    /** Ids per {@code in (…)} list: well within what H2 and PostgreSQL accept. */
    private static final int IN_LIST = 500;
    private static final String JOB_COLUMNS = "phase, cursor_value, pages, done, modified_after, inserted, modified, "
            + "deleted, unchanged, skipped, failed, coupled, uncoupled";
    /** A mapping's couplings, as {@link #readCouplings} reads them; more conditions may follow. */
    private static final String SELECT_COUPLINGS = "select bc_id, crm_id, bc_modified_on, crm_modified_on, crm_version "
            + "from coupling where profile = ? and mapping_name = ?";
    /** A mapping's failed records, as {@link #readFailures} reads them; more conditions may follow. */
    private static final String SELECT_FAILURES = "select source_id, source_key, destination_id, message, job_id, "
            + "skipped from record_failure where profile = ? and mapping_name = ?";

    private final HikariDataSource dataSource;

    private IntegrationStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An H2 file database writes a commit to disk up to half a second later by default, so a worker killed
     * just after a page committed (and told Temporal so) would lose that page's couplings: commit writes at once.
     */
    static String durable(String jdbcUrl) {
        boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
        return h2File && !jdbcUrl.toUpperCase(Locale.ROOT).contains("WRITE_DELAY=")
                ? jdbcUrl + ";WRITE_DELAY=0" : jdbcUrl;
    }

    /** Connects, migrates the schema to the current version, and returns the store. */
    public static IntegrationStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, null);
    }

    /**
     * Likewise, with the connection pool's meters ({@code hikaricp_connections_active}, {@code _pending},
     * {@code _timeout_total}, …) in {@code metrics} when it is not null.
     */
    public static IntegrationStore open(String jdbcUrl, String user, String password, MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        if (metrics != null) {
            config.setMetricRegistry(metrics);
        }
        config.setJdbcUrl(durable(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("crmsync-store");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreFailure("cannot connect to the integration store at " + jdbcUrl + " (check crmsync.store.url,"
                    + " crmsync.store.user and crmsync.store.password): " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).load().migrate();
            return new IntegrationStore(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreFailure("cannot migrate the integration store at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the job's row for this direction if it is new, and returns where it stands. A new full sync
     * reads every record; a new incremental job first retries earlier failures, then reads what changed
     * after the mapping's watermark.
     */
    public JobState openJob(String jobId, Direction direction, String profile, String mapping, boolean fullSync,
                            Instant now) {
        return inTransaction("open sync job " + jobId, c -> {
            JobState existing = job(c, jobId, direction);
            if (existing != null) {
                return existing;
            }
            JobPhase phase = fullSync ? JobPhase.SCAN : JobPhase.RETRY;
            Instant after = fullSync ? null : watermark(c, profile, mapping, direction);
            try (PreparedStatement insert = c.prepareStatement("insert into sync_job (job_id, direction, profile, "
                    + "mapping_name, started_at, phase, modified_after) values (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, jobId);
                insert.setString(2, direction.name());
                insert.setString(3, profile);
                insert.setString(4, mapping);
                setInstant(insert, 5, now);
                insert.setString(6, phase.name());
                setInstant(insert, 7, after);
                insert.executeUpdate();
            }
            return new JobState(phase, null, 0, false, after, JobCounters.ZERO);
        });
    }

    public JobState job(String jobId, Direction direction) {
        return inTransaction("read sync job " + jobId, c -> job(c, jobId, direction));
    }

    private static JobState job(Connection c, String jobId, Direction direction) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + JOB_COLUMNS
                + " from sync_job where job_id = ? and direction = ?")) {
            select.setString(1, jobId);
            select.setString(2, direction.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new JobState(JobPhase.valueOf(row.getString(1)), row.getString(2), row.getInt(3),
                        row.getBoolean(4), instant(row.getObject(5)), new JobCounters(row.getLong(6), row.getLong(7),
                        row.getLong(8), row.getLong(9), row.getLong(10), row.getLong(11), row.getLong(12),
                        row.getLong(13)));
            }
        }
    }

    /**
     * Commits one page: couplings, failures, counters, errors and the cursor together, and the watermark
     * when the job is done. Returns false, changing nothing, when the job has moved past
     * {@code pagesBefore} (another attempt committed this page).
     */
    public boolean commitPage(String profile, String mapping, PageCommit page, Instant now) {
        return inTransaction("commit a page of sync job " + page.jobId(), c -> {
            if (!advanceJob(c, page, now)) {
                c.rollback();
                return false;
            }
            removeCouplings(c, profile, mapping, page.uncoupled());
            insertCouplings(c, profile, mapping, page.direction(), page.newCouplings());
            forgetCreates(c, profile, mapping, page.newCouplings().stream().map(Coupling::crmId).toList());
            saveCouplings(c, profile, mapping, page.direction(), page.couplings());
            clearFailures(c, profile, mapping, page.direction(), page.succeeded());
            saveFailures(c, profile, mapping, page.direction(), page.jobId(), page.errors(), now);
            logErrors(c, profile, mapping, page.direction(), page.jobId(), page.errors(), now);
            if (page.done()) {
                advanceWatermark(c, profile, mapping, page);
            }
            return true;
        });
    }

    private static boolean advanceJob(Connection c, PageCommit page, Instant now) throws SQLException {
        JobCounters n = page.counters();
        // H2's greatest() is null when any argument is; PostgreSQL's ignores nulls. Coalesce suits both.
        try (PreparedStatement update = c.prepareStatement("update sync_job set phase = ?, cursor_value = ?, "
                + "pages = pages + 1, done = ?, finished_at = ?, inserted = inserted + ?, modified = modified + ?, "
                + "deleted = deleted + ?, unchanged = unchanged + ?, skipped = skipped + ?, failed = failed + ?, "
                + "coupled = coupled + ?, uncoupled = uncoupled + ?, "
                + "max_modified_on = coalesce(greatest(max_modified_on, ?), max_modified_on, ?) "
                + "where job_id = ? and direction = ? and pages = ?")) {
            update.setString(1, page.phase().name());
            update.setString(2, page.nextCursor());
            update.setBoolean(3, page.done());
            setInstant(update, 4, page.done() ? now : null);
            update.setLong(5, n.inserted());
            update.setLong(6, n.modified());
            update.setLong(7, n.deleted());
            update.setLong(8, n.unchanged());
            update.setLong(9, n.skipped());
            update.setLong(10, n.failed());
            update.setLong(11, n.coupled());
            update.setLong(12, n.uncoupled());
            setInstant(update, 13, page.maxModifiedOn());
            setInstant(update, 14, page.maxModifiedOn());
            update.setString(15, page.jobId());
            update.setString(16, page.direction().name());
            update.setInt(17, page.pagesBefore());
            return update.executeUpdate() == 1;
        }
    }

    /** Updates the couplings that exist and inserts the others, each kind in one JDBC batch. */
    private static void saveCouplings(Connection c, String profile, String mapping, Direction direction,
                                      List<Coupling> couplings) throws SQLException {
        if (couplings.isEmpty()) {
            return;
        }
        List<Coupling> missing = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement("update coupling set crm_id = ?, bc_modified_on = ?, "
                + "crm_modified_on = ?, crm_version = ?, skipped = false, " + resultColumn(direction) + " = 'Success' "
                + "where profile = ? and mapping_name = ? and bc_id = ?")) {
            for (Coupling coupling : couplings) {
                update.setString(1, coupling.crmId());
                setInstant(update, 2, coupling.bcModifiedOn());
                setInstant(update, 3, coupling.crmModifiedOn());
                update.setObject(4, coupling.crmVersion(), Types.BIGINT);
                update.setString(5, profile);
                update.setString(6, mapping);
                update.setString(7, coupling.bcId());
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(couplings.get(i));
                }
            }
        }
        insertCouplings(c, profile, mapping, direction, missing);
    }

    /** Inserts couplings known to be new, in one JDBC batch. */
    private static void insertCouplings(Connection c, String profile, String mapping, Direction direction,
                                        List<Coupling> couplings) throws SQLException {
        if (couplings.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("insert into coupling (profile, mapping_name, bc_id, crm_id, "
                + "bc_modified_on, crm_modified_on, crm_version, " + resultColumn(direction) + ") "
                + "values (?, ?, ?, ?, ?, ?, ?, 'Success')")) {
            for (Coupling coupling : couplings) {
                insert.setString(1, profile);
                insert.setString(2, mapping);
                insert.setString(3, coupling.bcId());
                insert.setString(4, coupling.crmId());
                setInstant(insert, 5, coupling.bcModifiedOn());
                setInstant(insert, 6, coupling.crmModifiedOn());
                insert.setObject(7, coupling.crmVersion(), Types.BIGINT);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Couples a BC record with a Dataverse row by hand (bc-integration.md §7, Set Up Coupling).
     *
     * @throws CouplingRefused when either is coupled already
     */
    public void coupleByHand(String profile, String mapping, Direction direction, Coupling coupling) {
        inTransaction("couple a record of " + mapping, c -> {
            refuseIfCoupled(c, profile, mapping, "bc_id", coupling.bcId(), "Business Central record");
            refuseIfCoupled(c, profile, mapping, "crm_id", coupling.crmId(), "Dataverse row");
            insertCouplings(c, profile, mapping, direction, List.of(coupling));
            forgetCreates(c, profile, mapping, List.of(coupling.crmId()));
            return null;
        });
    }

    private static void refuseIfCoupled(Connection c, String profile, String mapping, String column, String id,
                                        String what) throws SQLException {
        String other = "bc_id".equals(column) ? "crm_id" : "bc_id";
        try (PreparedStatement select = c.prepareStatement("select " + other + " from coupling "
                + "where profile = ? and mapping_name = ? and " + column + " = ?")) {
            bind(select, profile, mapping, List.of(id));
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    throw new CouplingRefused("The " + what + " " + id + " is coupled to " + row.getString(1)
                            + " in " + mapping + " already; uncouple it first");
                }
            }
        }
    }

    /** Removes the couplings of these BC records (BC's Delete Couplings); returns how many there were. */
    public int uncouple(String profile, String mapping, Collection<String> bcIds) {
        return inTransaction("uncouple records of " + mapping, c -> removeCouplings(c, profile, mapping, bcIds));
    }

    /**
     * Couples a record created just now, before its page commits, so that a retried page does not create it
     * again; {@code replacedBcId}, when not null, is a coupling to a deleted BC record that this one replaces.
     */
    public void couple(String profile, String mapping, Direction direction, Coupling coupling, String replacedBcId) {
        inTransaction("couple a record of " + mapping, c -> {
            if (replacedBcId != null) {
                removeCouplings(c, profile, mapping, List.of(replacedBcId));
            }
            saveCouplings(c, profile, mapping, direction, List.of(coupling));
            forgetCreates(c, profile, mapping, List.of(coupling.crmId()));
            return null;
        });
    }

    /**
     * Announces that BC records are about to be created for these Dataverse rows, before the creates are sent, and
     * returns when each of them was announced before: an earlier attempt may then have created it in BC without
     * hearing back. An announcement goes when its record is coupled, by the create or otherwise (a match, by hand),
     * or refused.
     */
    public Map<String, Instant> announceCreates(String profile, String mapping, Collection<String> sourceIds,
                                                Instant now) {
        Map<String, Instant> earlier = new HashMap<>();
        return inTransaction("announce creates of " + mapping, c -> {
            forSlices(sourceIds, slice -> {
                try (PreparedStatement select = c.prepareStatement("select source_id, intended_at from create_intent "
                        + "where profile = ? and mapping_name = ? and source_id in (" + marks(slice.size()) + ")")) {
                    bind(select, profile, mapping, slice);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            earlier.put(row.getString(1), instant(row.getObject(2)));
                        }
                    }
                }
            });
            try (PreparedStatement insert = c.prepareStatement("insert into create_intent "
                    + "(profile, mapping_name, source_id, intended_at) values (?, ?, ?, ?)")) {
                for (String sourceId : sourceIds) {
                    if (!earlier.containsKey(sourceId)) {
                        bind(insert, profile, mapping, List.of(sourceId));
                        setInstant(insert, 4, now);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return earlier;
        });
    }

    /** Withdraws the announcements of creates that BC refused: nothing was created. */
    public void withdrawCreates(String profile, String mapping, Collection<String> sourceIds) {
        inTransaction("withdraw creates of " + mapping, c -> {
            forgetCreates(c, profile, mapping, sourceIds);
            return null;
        });
    }

    private static void forgetCreates(Connection c, String profile, String mapping, Collection<String> sourceIds)
            throws SQLException {
        if (sourceIds.isEmpty() || !announcedAny(c, profile, mapping)) {
            return; // the common case, kept to one indexed read for a page of a bulk sync
        }
        try (PreparedStatement delete = c.prepareStatement(
                "delete from create_intent where profile = ? and mapping_name = ? and source_id = ?")) {
            for (String sourceId : sourceIds) {
                bind(delete, profile, mapping, List.of(sourceId));
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static boolean announcedAny(Connection c, String profile, String mapping) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select 1 from create_intent where profile = ? and mapping_name = ? fetch first 1 rows only")) {
            bind(select, profile, mapping, List.of());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static int removeCouplings(Connection c, String profile, String mapping, Collection<String> bcIds)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "delete from coupling where profile = ? and mapping_name = ? and bc_id = ?")) {
            for (String bcId : bcIds) {
                delete.setString(1, profile);
                delete.setString(2, mapping);
                delete.setString(3, bcId);
                delete.addBatch();
            }
            return Arrays.stream(delete.executeBatch()).map(count -> Math.max(count, 0)).sum();
        }
    }

    private static void clearFailures(Connection c, String profile, String mapping, Direction direction,
                                      List<String> sourceIds) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from record_failure "
                + "where profile = ? and mapping_name = ? and direction = ? and source_id = ?")) {
            for (String id : sourceIds) {
                delete.setString(1, profile);
                delete.setString(2, mapping);
                delete.setString(3, direction.name());
                delete.setString(4, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * Records each failure on its source record, skipping it when the same message failed it in the job
     * before, and marks a coupled record's last result in this direction a Failure.
     */
    private static void saveFailures(Connection c, String profile, String mapping, Direction direction, String jobId,
                                     List<RecordError> found, Instant now) throws SQLException {
        List<RecordError> errors = found.stream().filter(error -> error.sourceId() != null).toList();
        Map<String, FailedRecord> earlier = failures(c, profile, mapping, direction,
                errors.stream().map(RecordError::sourceId).toList());
        String result = resultColumn(direction);
        String byId = direction == Direction.FROM_INTEGRATION_TABLE ? "crm_id" : "bc_id";
        try (PreparedStatement delete = c.prepareStatement("delete from record_failure "
                + "where profile = ? and mapping_name = ? and direction = ? and source_id = ?");
             PreparedStatement insert = c.prepareStatement("insert into record_failure (profile, mapping_name, "
                     + "direction, source_id, source_key, destination_id, message, job_id, skipped, failed_at) "
                     + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement markCoupling = c.prepareStatement("update coupling set " + result + " = 'Failure' "
                     + "where profile = ? and mapping_name = ? and " + byId + " = ?")) {
            for (RecordError error : errors) {
                String message = FailureReason.shortened(error.message(), 2048);
                FailedRecord before = earlier.get(error.sourceId());
                delete.setString(1, profile);
                delete.setString(2, mapping);
                delete.setString(3, direction.name());
                delete.setString(4, error.sourceId());
                delete.executeUpdate();
                insert.setString(1, profile);
                insert.setString(2, mapping);
                insert.setString(3, direction.name());
                insert.setString(4, error.sourceId());
                insert.setString(5, FailureReason.shortened(error.sourceKey(), 250));
                insert.setString(6, error.destinationId());
                insert.setString(7, message);
                insert.setString(8, jobId);
                insert.setBoolean(9, before != null && before.skipsAfter(jobId, message));
                setInstant(insert, 10, now);
                insert.executeUpdate();
                markCoupling.setString(1, profile);
                markCoupling.setString(2, mapping);
                markCoupling.setString(3, error.sourceId());
                markCoupling.executeUpdate();
            }
        }
    }

    private static void logErrors(Connection c, String profile, String mapping, Direction direction, String jobId,
                                  List<RecordError> errors, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into sync_error (job_id, direction, profile, "
                + "mapping_name, source_key, source_id, destination_id, message, occurred_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RecordError error : errors) {
                insert.setString(1, jobId);
                insert.setString(2, direction.name());
                insert.setString(3, profile);
                insert.setString(4, mapping);
                insert.setString(5, FailureReason.shortened(error.sourceKey(), 250));
                insert.setString(6, error.sourceId());
                insert.setString(7, error.destinationId());
                insert.setString(8, FailureReason.shortened(error.message(), 2048));
                setInstant(insert, 9, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Moves the mapping's watermark to the latest modified-on the job read, capped at the job's start
     * (a record changed during the job is read again next time) and never backwards (§6, step 4).
     */
    private static void advanceWatermark(Connection c, String profile, String mapping, PageCommit page)
            throws SQLException {
        Instant seen;
        try (PreparedStatement select = c.prepareStatement(
                "select max_modified_on, started_at from sync_job where job_id = ? and direction = ?")) {
            select.setString(1, page.jobId());
            select.setString(2, page.direction().name());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Instant latest = instant(row.getObject(1));
                Instant started = instant(row.getObject(2));
                seen = latest == null ? null : latest.isAfter(started) ? started : latest;
            }
        }
        Instant current = watermark(c, profile, mapping, page.direction());
        if (seen == null || current != null && !seen.isAfter(current)) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("update watermark set modified_on = ? "
                + "where profile = ? and mapping_name = ? and direction = ?")) {
            setInstant(update, 1, seen);
            update.setString(2, profile);
            update.setString(3, mapping);
            update.setString(4, page.direction().name());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("insert into watermark (profile, mapping_name, direction, "
                + "modified_on) values (?, ?, ?, ?)")) {
            insert.setString(1, profile);
            insert.setString(2, mapping);
            insert.setString(3, page.direction().name());
            setInstant(insert, 4, seen);
            insert.executeUpdate();
        }
    }

    /**
     * Records failures found outside a page of a sync job (by an item availability refresh): each on its source
     * record, which the mapping's next job in {@code direction} retries first, and in the error log.
     */
    public void recordFailures(String profile, String mapping, Direction direction, String jobId,
                               List<RecordError> errors, Instant now) {
        inTransaction("record failures of " + mapping, c -> {
            saveFailures(c, profile, mapping, direction, jobId, errors, now);
            logErrors(c, profile, mapping, direction, jobId, errors, now);
            return null;
        });
    }

    /** The profile's item availability option and how far it has read the item ledger. */
    public ItemAvailability itemAvailability(String profile) {
        return inTransaction("read the item availability of profile " + profile, c -> {
            try (PreparedStatement select = c.prepareStatement("select last_entry_number from item_availability "
                    + "where profile = ?")) {
                select.setString(1, profile);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return ItemAvailability.OFF;
                    }
                    long last = row.getLong(1);
                    return new ItemAvailability(true, row.wasNull() ? null : last);
                }
            }
        });
    }

    /** Turns the option on (keeping how far the ledger was read, if it was on before) or off. */
    public void enableItemAvailability(String profile, boolean enabled) {
        inTransaction("set the item availability of profile " + profile, c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from item_availability where profile = ?")) {
                delete.setString(1, profile);
                if (!enabled) {
                    return delete.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into item_availability (profile) "
                    + "select ? where not exists (select 1 from item_availability where profile = ?)")) {
                insert.setString(1, profile);
                insert.setString(2, profile);
                return insert.executeUpdate();
            }
        });
    }

    /** The item ledger is read up to {@code lastEntryNumber}; a profile whose option is off is left alone. */
    public void advanceItemAvailability(String profile, long lastEntryNumber) {
        inTransaction("advance the item availability of profile " + profile, c -> {
            try (PreparedStatement update = c.prepareStatement("update item_availability set last_entry_number = ? "
                    + "where profile = ?")) {
                update.setLong(1, lastEntryNumber);
                update.setString(2, profile);
                return update.executeUpdate();
            }
        });
    }

    /** The mapping's watermark in {@code direction}; null before its first finished job. */
    public Instant watermark(String profile, String mapping, Direction direction) {
        return inTransaction("read the watermark of " + mapping, c -> watermark(c, profile, mapping, direction));
    }

    private static Instant watermark(Connection c, String profile, String mapping, Direction direction)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select modified_on from watermark "
                + "where profile = ? and mapping_name = ? and direction = ?")) {
            select.setString(1, profile);
            select.setString(2, mapping);
            select.setString(3, direction.name());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? instant(row.getObject(1)) : null;
            }
        }
    }

    /**
     * The profile's integration table mappings. A profile's first use stores the defaults, as BC's setup
     * does; after that they are the user's to change.
     */
    public List<TableMapping> mappings(String profile) {
        return inTransaction("read the mappings of profile " + profile, c -> {
            List<TableMapping> mappings = MappingRows.read(c, profile);
            if (mappings.isEmpty()) {
                MappingRows.replace(c, profile, DefaultMappings.all());
                mappings = MappingRows.read(c, profile);
            }
            return mappings;
        });
    }

    /** The profile's mapping called {@code name}. */
    public TableMapping mapping(String profile, String name) {
        List<TableMapping> mappings = mappings(profile);
        return mappings.stream().filter(mapping -> mapping.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigurationFailure("profile " + profile + " has no integration table "
                        + "mapping " + name + "; its mappings: " + String.join(", ",
                        mappings.stream().map(TableMapping::name).toList())));
    }

    /** Replaces the mapping of that name (or adds it), field mappings included. */
    public void saveMapping(String profile, TableMapping mapping) {
        inTransaction("save mapping " + mapping.name(), c -> {
            MappingRows.save(c, profile, mapping);
            return null;
        });
    }

    /**
     * BC's "Use Default Synchronization Setup": every mapping back to crmsync's defaults, for the options
     * {@code chosen}; an option not chosen (null) stays as the profile has it.
     */
    public void resetMappings(String profile, MappingOptions chosen) {
        MappingOptions options = chosen.over(MappingOptions.of(mappings(profile)));
        inTransaction("reset the mappings of profile " + profile, c -> {
            MappingRows.replace(c, profile, DefaultMappings.all(options));
            return null;
        });
    }

    /** Couplings of a mapping whose BC id (or, with {@code byCrmId}, CRM id) is one of {@code ids}. */
    public Map<String, Coupling> couplings(String profile, String mapping, Collection<String> ids, boolean byCrmId) {
        Map<String, Coupling> found = new HashMap<>();
        String column = byCrmId ? "crm_id" : "bc_id";
        return inTransaction("read couplings of " + mapping, c -> {
            forSlices(ids, slice -> {
                try (PreparedStatement select = c.prepareStatement(SELECT_COUPLINGS + " and " + column + " in ("
                        + marks(slice.size()) + ")")) {
                    bind(select, profile, mapping, slice);
                    readCouplings(select, found, byCrmId);
                }
            });
            return found;
        });
    }

    /** Every coupling of a mapping, by BC id: for lookups, which resolve only through couplings. */
    public Map<String, Coupling> couplings(String profile, String mapping) {
        Map<String, Coupling> found = new HashMap<>();
        return inTransaction("read couplings of " + mapping, c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_COUPLINGS)) {
                bind(select, profile, mapping, List.of());
                readCouplings(select, found, false);
            }
            return found;
        });
    }

    /** The failed records among {@code sourceIds}, by source id. */
    public Map<String, FailedRecord> failures(String profile, String mapping, Direction direction,
                                              Collection<String> sourceIds) {
        return inTransaction("read failed records of " + mapping,
                c -> failures(c, profile, mapping, direction, sourceIds));
    }

    private static Map<String, FailedRecord> failures(Connection c, String profile, String mapping,
                                                      Direction direction, Collection<String> sourceIds)
            throws SQLException {
        Map<String, FailedRecord> found = new HashMap<>();
        forSlices(sourceIds, slice -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_FAILURES + " and source_id in ("
                    + marks(slice.size()) + ") and direction = ?")) {
                bind(select, profile, mapping, slice);
                select.setString(3 + slice.size(), direction.name());
                readFailures(select, found);
            }
        });
        return found;
    }

    /**
     * Failed records to retry: not skipped and not already tried by {@code jobId}, after {@code afterSourceId}
     * in source-id order, at most {@code limit}.
     */
    public List<FailedRecord> failuresToRetry(String profile, String mapping, Direction direction, String jobId,
                                              String afterSourceId, int limit) {
        Map<String, FailedRecord> found = new LinkedHashMap<>();
        return inTransaction("read failed records of " + mapping, c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_FAILURES + " and direction = ? "
                    + "and skipped = false and job_id <> ? and source_id > ? order by source_id")) {
                select.setMaxRows(limit);
                select.setString(1, profile);
                select.setString(2, mapping);
                select.setString(3, direction.name());
                select.setString(4, jobId);
                select.setString(5, afterSourceId == null ? "" : afterSourceId);
                readFailures(select, found);
            }
            return List.copyOf(found.values());
        });
    }

    /** Every failed record of a mapping in a direction, skipped ones included, by source key. */
    public List<FailedRecord> failures(String profile, String mapping, Direction direction) {
        Map<String, FailedRecord> found = new LinkedHashMap<>();
        return inTransaction("read failed records of " + mapping, c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_FAILURES
                    + " and direction = ? order by source_key, source_id")) {
                select.setString(1, profile);
                select.setString(2, mapping);
                select.setString(3, direction.name());
                readFailures(select, found);
            }
            return List.copyOf(found.values());
        });
    }

    /** Lets the next job retry a mapping's skipped records (BC's Retry All); returns how many. */
    public int retrySkipped(String profile, String mapping) {
        return inTransaction("retry skipped records of " + mapping, c -> {
            try (PreparedStatement update = c.prepareStatement("update record_failure set skipped = false "
                    + "where profile = ? and mapping_name = ? and skipped = true")) {
                bind(update, profile, mapping, List.of());
                return update.executeUpdate();
            }
        });
    }

    /** The errors logged for a mapping, oldest first. */
    public List<RecordError> errors(String profile, String mapping) {
        List<RecordError> errors = new ArrayList<>();
        return inTransaction("read errors of " + mapping, c -> {
            try (PreparedStatement select = c.prepareStatement("select source_key, source_id, destination_id, message "
                    + "from sync_error where profile = ? and mapping_name = ? order by id")) {
                bind(select, profile, mapping, List.of());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        errors.add(new RecordError(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4)));
                    }
                }
            }
            return errors;
        });
    }

    private static void readCouplings(PreparedStatement select, Map<String, Coupling> into, boolean byCrmId)
            throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                long version = row.getLong(5);
                Coupling coupling = new Coupling(row.getString(1), row.getString(2), instant(row.getObject(3)),
                        instant(row.getObject(4)), row.wasNull() ? null : version);
                into.put(byCrmId ? coupling.crmId() : coupling.bcId(), coupling);
            }
        }
    }

    private static void readFailures(PreparedStatement select, Map<String, FailedRecord> into) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                into.put(row.getString(1), new FailedRecord(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getBoolean(6)));
            }
        }
    }

    private static String resultColumn(Direction direction) {
        return direction == Direction.FROM_INTEGRATION_TABLE ? "last_result_from" : "last_result_to";
    }

    /** Binds profile, mapping and then {@code values} to the statement's parameters in order. */
    private static void bind(PreparedStatement statement, String profile, String mapping, List<String> values)
            throws SQLException {
        statement.setString(1, profile);
        statement.setString(2, mapping);
        for (int i = 0; i < values.size(); i++) {
            statement.setString(3 + i, values.get(i));
        }
    }

    private static String marks(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    private static void forSlices(Collection<String> ids, SliceWork work) throws SQLException {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            work.run(all.subList(from, Math.min(all.size(), from + IN_LIST)));
        }
    }

    private interface SliceWork {
        void run(List<String> slice) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction; {@code what} says what failed, for the error message. */
    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreFailure("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }

    /** Null when the store answers within two seconds; otherwise why not, for a health check. */
    public String unavailableBecause() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? null : "the integration store did not answer within 2 s";
        } catch (SQLException e) {
            return "cannot reach the integration store: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
