package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crmsync.emulators.Emulators;
import org.crmsync.starter.CrmSyncCommand;
import org.crmsync.worker.WorkerSettings;
import picocli.CommandLine;

/**
 * The real Temporal server of the devserver suite ({@code TEMPORAL_ADDRESS}, started by {@code .ci/run}),
 * and the two command lines that talk to it: crmsync's own and the {@code temporal} CLI.
 */
final class DevServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevServer() {
    }

    static String address() {
        String address = System.getenv("TEMPORAL_ADDRESS");
        if (address == null || address.isBlank()) {
            throw new IllegalStateException("the devserver suite needs TEMPORAL_ADDRESS (run it through .ci/run)");
        }
        return address;
    }

    /** Runs {@code crmsync ARGS --temporal <server>} as a user would, and returns its exit code. */
    static int crmsync(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--temporal", address()));
        return new CommandLine(new CrmSyncCommand()).execute(all.toArray(String[]::new));
    }

    /** Worker settings for a profile on these emulators, with its store in a directory of its own. */
    static Map<String, Object> workerSettings(String profile, Emulators emulators, Path storeDir) {
        Map<String, Object> settings = new HashMap<>(WorkerSettings.profileProperties(profile,
                DemoCommand.profile(profile, emulators.bcUrl(), emulators.dataverseUrl())));
        settings.put("crmsync.store.url", "jdbc:h2:file:" + storeDir.resolve("crmsync"));
        settings.put("temporal.address", address());
        return settings;
    }

    /** Runs the Temporal CLI against the suite's server and parses its JSON output. */
    static JsonNode temporal(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("temporal"));
        command.addAll(List.of(args));
        command.addAll(List.of("--address", address(), "--output", "json"));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + err);
        String trimmed = out.trim();
        // list prints one JSON document per execution, or an array, depending on the CLI version
        return JSON.readTree(trimmed.startsWith("{") && trimmed.contains("}\n{") ? "[" + trimmed.replace("}\n{", "},{") + "]"
                : trimmed.isEmpty() ? "[]" : trimmed);
    }
}
