package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.crmsync.activities.profile.BusinessCentralConnection;
import org.crmsync.activities.profile.ConnectionProfile;
import org.crmsync.activities.profile.DataverseConnection;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.UserEdits;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/**
 * Both emulators over HTTP, an in-process Temporal server and a real worker on a file store: what the
 * end-to-end sync tests share. Edits go through the emulators' admin API, as a user of either system would.
 */
final class SyncOverHttp implements AutoCloseable {

    static final String PROFILE = "it";

    final Emulators emulators;
    private final UserEdits bcUser;
    private final UserEdits crmUser;
    final TestWorkflowEnvironment env;
    private final Path storeDir;

    SyncOverHttp(int customers, Path storeDir) {
        this(new DemoCompany.Options(customers, 7, 0), storeDir);
    }

    /** With {@code options.overlap()} of the customers in Dataverse already, as accounts of the same number. */
    SyncOverHttp(DemoCompany.Options options, Path storeDir) {
        this.emulators = Emulators.start(options, 0, 0);
        this.bcUser = new UserEdits(emulators.bcUrl());
        this.crmUser = new UserEdits(emulators.dataverseUrl());
        this.env = TestWorkflowEnvironment.newInstance();
        CrmSyncSearchAttributes.indexedTypes().forEach(env::registerSearchAttribute);
        this.storeDir = storeDir;
    }

    CrmSyncWorker worker(String dataverseSecret) {
        return worker(dataverseSecret, Map.of());
    }

    /** With {@code moreSettings} on top of the profile's, such as an administrator's credential. */
    CrmSyncWorker worker(String dataverseSecret, Map<String, Object> moreSettings) {
        Map<String, Object> settings = new HashMap<>(WorkerSettings.profileProperties(PROFILE, profile(dataverseSecret)));
        settings.putAll(moreSettings);
        settings.put("crmsync.store.url", "jdbc:h2:file:" + storeDir.resolve("store"));
        settings.put("crmsync.sync.page-size", 100);
        settings.put("crmsync.sync.pages-per-chunk", 2);
        CrmSyncWorker worker = CrmSyncWorker.start(env.getWorkflowClient(), settings);
        env.start();
        return worker;
    }

    /** {@code more} settings, and the administrator's credential the setup guide imports and assigns with. */
    static Map<String, Object> withAdministrator(Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.put("crmsync.profiles." + PROFILE + ".dataverse.admin-client-id", Emulators.ADMIN_CLIENT_ID);
        settings.put("crmsync.profiles." + PROFILE + ".dataverse.admin-client-secret", Emulators.ADMIN_CLIENT_SECRET);
        return settings;
    }

    ConnectionProfile profile(String dataverseSecret) {
        return profile(emulators, PROFILE, dataverseSecret);
    }

    /** A profile for the demo company on {@code emulators}, signing in to Dataverse with {@code dataverseSecret}. */
    static ConnectionProfile profile(Emulators emulators, String name, String dataverseSecret) {
        return new ConnectionProfile(name,
                new BusinessCentralConnection(emulators.bcUrl(), DemoCompany.TENANT, DemoCompany.ENVIRONMENT,
                        DemoCompany.COMPANY_ID, emulators.bcUrl() + "/t/oauth2/v2.0/token", "bc/.default",
                        TokenService.DEMO_CLIENT_ID, TokenService.DEMO_CLIENT_SECRET),
                new DataverseConnection(emulators.dataverseUrl(), emulators.dataverseUrl() + "/t/oauth2/v2.0/token",
                        emulators.dataverseUrl() + "/.default", TokenService.DEMO_CLIENT_ID, dataverseSecret),
                DemoCompany.LOCAL_CURRENCY);
    }

    SyncResult fullSync(String runId) {
        return WorkflowStub.fromTyped(startFullSync(runId)).getResult(SyncResult.class);
    }

    FullSyncWorkflow startFullSync(String runId) {
        FullSyncWorkflow sync = env.getWorkflowClient().newWorkflowStub(FullSyncWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("full-sync/" + PROFILE + runId).setTaskQueue("crmsync")
                        .build());
        WorkflowClient.start(sync::run, SyncRequest.of(PROFILE));
        return sync;
    }

    /** A sync of the records changed since the mapping's last job, as a schedule would start it. */
    JobCounters incremental(CrmSyncWorker worker, String mapping, String jobId) {
        return tableSync(TableSyncRequest.start(PROFILE, mapping, worker.store().mapping(PROFILE, mapping).direction(),
                jobId, false, false));
    }

    /** Runs one table sync workflow to its end. */
    JobCounters tableSync(TableSyncRequest request) {
        TableSyncWorkflow sync = env.getWorkflowClient().newWorkflowStub(TableSyncWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("sync/" + PROFILE + "/" + request.mapping() + "/"
                        + request.jobId()).setTaskQueue("crmsync").build());
        return sync.run(request).counters();
    }

    /** All BC records of a set, as the emulator holds them. */
    List<ObjectNode> bcRows(String entitySet) {
        return emulators.bc().rows(DemoCompany.COMPANY_ID, entitySet);
    }

    /** Rows by the text of one of their fields; the first wins. */
    static Map<String, ObjectNode> byKey(List<ObjectNode> rows, String key) {
        return rows.stream().collect(Collectors.toMap(row -> row.path(key).asText(), row -> row, (a, b) -> a));
    }

    /** The BC records of a set whose Blocked is blank: those CUSTOMER and VENDOR synchronize. */
    List<ObjectNode> unblocked(String entitySet) {
        return emulators.bc().rows(DemoCompany.COMPANY_ID, entitySet).stream()
                .filter(row -> row.path("blocked").asText().isBlank()).toList();
    }

    /** Accounts of one customertypecode by account number, checking that no number occurs twice. */
    Map<String, ObjectNode> accountsOfType(int type) {
        Map<String, List<ObjectNode>> accounts = emulators.dataverse().rows("accounts").stream()
                .filter(account -> account.path("customertypecode").asInt() == type)
                .collect(Collectors.groupingBy(account -> account.path("accountnumber").asText()));
        assertTrue(accounts.values().stream().allMatch(same -> same.size() == 1), "no account is duplicated");
        return accounts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    }

    static ReviewLine line(SyncResult result, String name) {
        return result.lines().stream().filter(line -> line.name().equals(name)).findFirst().orElseThrow();
    }

    /** Changes a Business Central record as a user would: its lastModifiedDateTime moves on. */
    void editInBusinessCentral(String entitySet, String id, Map<String, Object> changes) {
        bcUser.edit(entitySet, id, changes);
    }

    ObjectNode createInBusinessCentral(String entitySet, Map<String, Object> row) {
        return bcUser.create(entitySet, row);
    }

    /** Changes a Dataverse row as an interactive user would, not as the integration. */
    void editInDataverse(String entitySet, String id, Map<String, Object> changes) {
        crmUser.edit(entitySet, id, changes);
    }

    void deleteInDataverse(String entitySet, String id) {
        crmUser.delete(entitySet, id);
    }

    void deleteInBusinessCentral(String entitySet, String id) {
        bcUser.delete(entitySet, id);
    }

    ObjectNode createInDataverse(String entitySet, Map<String, Object> row) {
        return crmUser.create(entitySet, row);
    }

    /** Requests the Dataverse emulator has answered so far, admin ones included. */
    long dataverseRequests() {
        return crmUser.requests();
    }

    @Override
    public void close() {
        env.close();
        emulators.close();
    }
}
