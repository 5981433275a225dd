package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.profile.ConnectionProfile;
import org.crmsync.activities.profile.DataverseConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's settings: application.yml and the environment, and what it refuses. */
class WorkerSettingsTest {

    @Test
    void theStoreSettingsComeFromTheDatabaseVariablesThroughApplicationYml() {
        // CRMSYNC_DB_URL in the environment arrives as the property crmsync.db.url, as these do
        WorkerSettings settings = settings(Map.of("crmsync.db.url", "jdbc:postgresql://db:5432/crmsync",
                "crmsync.db.user", "sync", "crmsync.db.password", "pw"));
        assertEquals("jdbc:postgresql://db:5432/crmsync", settings.storeUrl());
        assertEquals("sync", settings.storeUser());
        assertEquals("pw", settings.storePassword());
    }

    @Test
    void withoutADatabaseSettingTheStoreIsAnH2FileInTheWorkingDirectory() {
        WorkerSettings settings = settings(Map.of());
        assertEquals("jdbc:h2:file:./crmsync-store/crmsync", settings.storeUrl());
        assertEquals("sa", settings.storeUser());
        assertEquals(-1, settings.httpPort(), "no health and metrics endpoint unless asked for");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedNamingTheSettingUnlessTheProfileIsMarkedInsecure() {
        Map<String, Object> profile = prodProfile("http://crm.example.com");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> settings(profile));
        assertTrue(refused.getMessage().startsWith("crmsync.profiles.prod.dataverse.url is http://crm.example.com"),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("set crmsync.profiles.prod.insecure=true (or start the worker with "
                + "crmsync worker --insecure)"), refused.getMessage());

        profile.put("crmsync.profiles.prod.dataverse.url", "http://127.0.0.1:8482");
        assertEquals("http://127.0.0.1:8482", settings(profile).profiles().get(0).dataverse().url(), "the emulators");

        profile.put("crmsync.profiles.prod.dataverse.url", "http://crm.example.com");
        profile.put(WorkerSettings.INSECURE, "true");
        assertEquals("http://crm.example.com", settings(profile).profiles().get(0).dataverse().url(), "--insecure");

        profile.remove(WorkerSettings.INSECURE);
        profile.put("crmsync.profiles.prod.insecure", "true");
        assertEquals("http://crm.example.com", settings(profile).profiles().get(0).dataverse().url());
    }

    @Test
    void anAdministratorsCredentialIsOptionalAndNeedsItsOwnSecret() {
        Map<String, Object> profile = prodProfile("https://crm.example.com");
        assertNull(settings(profile).profiles().get(0).dataverseAdministrator(), "none unless configured");

        profile.put("crmsync.profiles.prod.dataverse.admin-client-id", "admin-app");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> settings(profile));
        assertEquals("missing secret: set CRMSYNC_DATAVERSE_ADMIN_CLIENT_SECRET (in the environment or the file "
                + "crmsync.secrets-file names) or crmsync.profiles.prod.dataverse.admin-client-secret",
                refused.getMessage());

        profile.put("crmsync.profiles.prod.dataverse.admin-client-secret", "admin-secret");
        profile.put("crmsync.profiles.prod.dataverse.solution-file", "/opt/bc/MicrosoftDynamicsNavIntegration.zip");
        ConnectionProfile configured = settings(profile).profiles().get(0);
        assertEquals(Path.of("/opt/bc/MicrosoftDynamicsNavIntegration.zip"), configured.integrationSolution());
        DataverseConnection administrator = configured.dataverseAdministrator();
        assertEquals(List.of("admin-app", "admin-secret", "https://crm.example.com"),
                List.of(administrator.clientId(), administrator.clientSecret(), administrator.url()));
        assertEquals(configured, settings(new HashMap<>(WorkerSettings.profileProperties("prod", configured)))
                .profiles().get(0), "the properties a demo or test passes carry it too");
    }

    @Test
    void secretsMayComeFromAFileAsMountedSecretsDo(@TempDir Path dir) throws IOException {
        Map<String, Object> profile = prodProfile("https://crm.example.com");
        profile.remove("crmsync.profiles.prod.dataverse.client-secret");
        profile.remove("crmsync.profiles.prod.business-central.client-secret");
        Path file = dir.resolve("crmsync-secrets");
        Files.writeString(file, "CRMSYNC_BC_CLIENT_SECRET=bc-from-file\nCRMSYNC_DATAVERSE_CLIENT_SECRET = dv=from:file\n");
        profile.put(WorkerSettings.SECRETS_FILE, file.toString());

        ConnectionProfile read = settings(profile).profiles().get(0);
        assertEquals("bc-from-file", read.businessCentral().clientSecret());
        assertEquals("dv=from:file", read.dataverse().clientSecret());

        profile.put(WorkerSettings.SECRETS_FILE, dir.resolve("missing").toString());
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> settings(profile));
        assertTrue(unreadable.getMessage().startsWith("crmsync.secrets-file names " + dir.resolve("missing")),
                unreadable.getMessage());
    }

    /** A profile whose Dataverse is at {@code dataverseUrl}, with every required setting. */
    private static Map<String, Object> prodProfile(String dataverseUrl) {
        return new HashMap<>(Map.of(
                "crmsync.profiles.prod.business-central.tenant", "t",
                "crmsync.profiles.prod.business-central.company-id", "c",
                "crmsync.profiles.prod.business-central.client-id", "id",
                "crmsync.profiles.prod.business-central.client-secret", "s",
                "crmsync.profiles.prod.dataverse.url", dataverseUrl,
                "crmsync.profiles.prod.dataverse.client-id", "id",
                "crmsync.profiles.prod.dataverse.client-secret", "s"));
    }

    private static WorkerSettings settings(Map<String, Object> properties) {
        return WorkerSettings.of(properties);
    }
}
