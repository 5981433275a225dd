package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's application.yml is read, and its store settings follow CRMSYNC_DB_URL and friends. */
class WorkerSettingsTest {

    @Test
    void theStoreSettingsComeFromTheDatabaseVariablesThroughApplicationYml() {
        // CRMSYNC_DB_URL in the environment arrives as the property crmsync.db.url, as these do
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("crmsync.db.url", "jdbc:postgresql://db:5432/crmsync", "crmsync.db.user", "sync",
                        "crmsync.db.password", "pw"))
                .start()) {
            WorkerSettings settings = WorkerSettings.from(context.getEnvironment());
            assertEquals("jdbc:postgresql://db:5432/crmsync", settings.storeUrl());
            assertEquals("sync", settings.storeUser());
            assertEquals("pw", settings.storePassword());
        }
    }
}
