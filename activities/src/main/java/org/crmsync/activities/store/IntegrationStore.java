package org.crmsync.activities.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.flywaydb.core.Flyway;

/**
 * The integration store over JDBC: couplings, sync jobs with their committed cursors and counters, and
 * per-record errors. H2 by default, PostgreSQL in production; the schema comes from Flyway migrations.
 */
public final class IntegrationStore implements AutoCloseable {

    private static final int IN_LIST = 500;

    private final DataSource dataSource;
    private final AutoCloseable closeable;

    private IntegrationStore(DataSource dataSource, AutoCloseable closeable) {
        this.dataSource = dataSource;
        this.closeable = closeable;
    }

    /** Connects, migrates the schema to the current version, and returns the store. */
    public static IntegrationStore open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("crmsync-store");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreFailure("cannot migrate the integration store at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return new IntegrationStore(dataSource, dataSource);
    }

    /** Creates the job's row for this direction if it is new, and returns where it stands. */
    public JobState openJob(String jobId, Direction direction, String profile, String mapping, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            JobState existing = job(c, jobId, direction);
            if (existing != null) {
                return existing;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into sync_job (job_id, direction, profile, "
                    + "mapping_name, started_at) values (?, ?, ?, ?, ?)")) {
                insert.setString(1, jobId);
                insert.setString(2, direction.name());
                insert.setString(3, profile);
                insert.setString(4, mapping);
                insert.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.executeUpdate();
            } catch (SQLException raced) {
                // Another attempt of the same chunk created it first; its row is as good as ours.
                existing = job(c, jobId, direction);
                if (existing == null) {
                    throw raced;
                }
                return existing;
            }
            return new JobState(null, 0, false, JobCounters.ZERO);
        } catch (SQLException e) {
            throw new StoreFailure("cannot open sync job " + jobId + ": " + e.getMessage(), e);
        }
    }

    public JobState job(String jobId, Direction direction) {
        try (Connection c = dataSource.getConnection()) {
            return job(c, jobId, direction);
        } catch (SQLException e) {
            throw new StoreFailure("cannot read sync job " + jobId + ": " + e.getMessage(), e);
        }
    }

    private static JobState job(Connection c, String jobId, Direction direction) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select cursor_value, pages, done, inserted, modified, "
                + "deleted, unchanged, skipped, failed, coupled from sync_job where job_id = ? and direction = ?")) {
            select.setString(1, jobId);
            select.setString(2, direction.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new JobState(row.getString(1), row.getInt(2), row.getBoolean(3), new JobCounters(
                        row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8),
                        row.getLong(9), row.getLong(10)));
            }
        }
    }

    /**
     * Commits one page: couplings, counters, errors and the cursor together. Returns false, changing
     * nothing, when the job has moved past {@code pagesBefore} (another attempt committed this page).
     */
    public boolean commitPage(String profile, String mapping, Direction direction, PageCommit page, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!advanceJob(c, page, now)) {
                    c.rollback();
                    return false;
                }
                saveCouplings(c, profile, mapping, direction, page.couplings());
                saveErrors(c, profile, mapping, page, now);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreFailure("cannot commit a page of sync job " + page.jobId() + ": " + e.getMessage(), e);
        }
    }

    private static boolean advanceJob(Connection c, PageCommit page, Instant now) throws SQLException {
        JobCounters n = page.counters();
        try (PreparedStatement update = c.prepareStatement("update sync_job set cursor_value = ?, pages = pages + 1, "
                + "done = ?, finished_at = ?, inserted = inserted + ?, modified = modified + ?, deleted = deleted + ?, "
                + "unchanged = unchanged + ?, skipped = skipped + ?, failed = failed + ?, coupled = coupled + ? "
                + "where job_id = ? and direction = ? and pages = ?")) {
            update.setString(1, page.nextCursor());
            update.setBoolean(2, page.nextCursor() == null);
            update.setObject(3, page.nextCursor() == null ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC) : null);
            update.setLong(4, n.inserted());
            update.setLong(5, n.modified());
            update.setLong(6, n.deleted());
            update.setLong(7, n.unchanged());
            update.setLong(8, n.skipped());
            update.setLong(9, n.failed());
            update.setLong(10, n.coupled());
            update.setString(11, page.jobId());
            update.setString(12, page.direction());
            update.setInt(13, page.pagesBefore());
            return update.executeUpdate() == 1;
        }
    }

    private static void saveCouplings(Connection c, String profile, String mapping, Direction direction,
                                      List<Coupling> couplings) throws SQLException {
        String result = direction == Direction.FROM_INTEGRATION_TABLE ? "last_result_from" : "last_result_to";
        try (PreparedStatement update = c.prepareStatement("update coupling set crm_id = ?, bc_modified_on = ?, "
                + "crm_modified_on = ?, " + result + " = 'Success' where profile = ? and mapping_name = ? and bc_id = ?");
             PreparedStatement insert = c.prepareStatement("insert into coupling (profile, mapping_name, bc_id, crm_id, "
                     + "bc_modified_on, crm_modified_on, " + result + ") values (?, ?, ?, ?, ?, ?, 'Success')")) {
            for (Coupling coupling : couplings) {
                update.setString(1, coupling.crmId());
                update.setObject(2, offset(coupling.bcModifiedOn()));
                update.setObject(3, offset(coupling.crmModifiedOn()));
                update.setString(4, profile);
                update.setString(5, mapping);
                update.setString(6, coupling.bcId());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, profile);
                    insert.setString(2, mapping);
                    insert.setString(3, coupling.bcId());
                    insert.setString(4, coupling.crmId());
                    insert.setObject(5, offset(coupling.bcModifiedOn()));
                    insert.setObject(6, offset(coupling.crmModifiedOn()));
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void saveErrors(Connection c, String profile, String mapping, PageCommit page, Instant now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into sync_error (job_id, direction, profile, "
                + "mapping_name, source_key, source_id, destination_id, message, occurred_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RecordError error : page.errors()) {
                insert.setString(1, page.jobId());
                insert.setString(2, page.direction());
                insert.setString(3, profile);
                insert.setString(4, mapping);
                insert.setString(5, truncate(error.sourceKey(), 250));
                insert.setString(6, error.sourceId());
                insert.setString(7, error.destinationId());
                insert.setString(8, truncate(error.message(), 2048));
                insert.setObject(9, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Couplings of a mapping whose BC id (or, with {@code byCrmId}, CRM id) is one of {@code ids}. */
    public Map<String, Coupling> couplings(String profile, String mapping, Collection<String> ids, boolean byCrmId) {
        Map<String, Coupling> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        String column = byCrmId ? "crm_id" : "bc_id";
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_LIST) {
                List<String> slice = all.subList(from, Math.min(all.size(), from + IN_LIST));
                String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
                try (PreparedStatement select = c.prepareStatement("select bc_id, crm_id, bc_modified_on, crm_modified_on "
                        + "from coupling where profile = ? and mapping_name = ? and " + column + " in (" + marks + ")")) {
                    select.setString(1, profile);
                    select.setString(2, mapping);
                    for (int i = 0; i < slice.size(); i++) {
                        select.setString(3 + i, slice.get(i));
                    }
                    readCouplings(select, found, byCrmId);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreFailure("cannot read couplings of " + mapping + ": " + e.getMessage(), e);
        }
    }

    /** Every coupling of a mapping, by BC id: for lookups, which resolve only through couplings. */
    public Map<String, Coupling> couplings(String profile, String mapping) {
        Map<String, Coupling> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select bc_id, crm_id, bc_modified_on, crm_modified_on "
                     + "from coupling where profile = ? and mapping_name = ?")) {
            select.setString(1, profile);
            select.setString(2, mapping);
            readCouplings(select, found, false);
            return found;
        } catch (SQLException e) {
            throw new StoreFailure("cannot read couplings of " + mapping + ": " + e.getMessage(), e);
        }
    }

    /** The errors recorded for a mapping, oldest first. */
    public List<RecordError> errors(String profile, String mapping) {
        List<RecordError> errors = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select source_key, source_id, destination_id, message "
                     + "from sync_error where profile = ? and mapping_name = ? order by id")) {
            select.setString(1, profile);
            select.setString(2, mapping);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    errors.add(new RecordError(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
                }
            }
            return errors;
        } catch (SQLException e) {
            throw new StoreFailure("cannot read errors of " + mapping + ": " + e.getMessage(), e);
        }
    }

    private static void readCouplings(PreparedStatement select, Map<String, Coupling> into, boolean byCrmId)
            throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Coupling coupling = new Coupling(row.getString(1), row.getString(2), instant(row.getObject(3)),
                        instant(row.getObject(4)));
                into.put(byCrmId ? coupling.crmId() : coupling.bcId(), coupling);
            }
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Override
    public void close() {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new StoreFailure("cannot close the integration store: " + e.getMessage(), e);
        }
    }
}
