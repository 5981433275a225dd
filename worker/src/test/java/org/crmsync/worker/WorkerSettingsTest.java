package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void plainHttpToAnotherHostIsRefusedNamingTheSettingUnlessTheProfileIsMarkedInsecure() {
        Map<String, Object> profile = new HashMap<>(Map.of(
                "crmsync.profiles.prod.business-central.tenant", "t",
                "crmsync.profiles.prod.business-central.company-id", "c",
                "crmsync.profiles.prod.business-central.client-id", "id",
                "crmsync.profiles.prod.business-central.client-secret", "s",
                "crmsync.profiles.prod.dataverse.url", "http://crm.example.com",
                "crmsync.profiles.prod.dataverse.client-id", "id",
                "crmsync.profiles.prod.dataverse.client-secret", "s"));
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

    private static WorkerSettings settings(Map<String, Object> properties) {
        return WorkerSettings.of(properties);
    }
}
