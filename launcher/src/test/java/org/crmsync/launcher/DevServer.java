package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.emulators.service.ServiceEmulator;
import org.crmsync.starter.CrmSyncCommand;
import org.crmsync.worker.WorkerApplication;
import picocli.CommandLine;

/**
 * The real Temporal server of the devserver suite ({@code TEMPORAL_ADDRESS}, started by {@code .ci/run}),
 * and the two command lines that talk to it: crmsync's own and the {@code temporal} CLI.
 */
final class DevServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        Map<String, Object> settings = DemoCommand.workerSettings(profile, emulators.bcUrl(), emulators.dataverseUrl(),
                storeDir);
        settings.put("temporal.address", address());
        return settings;
    }

    /**
     * A worker in a process of its own, configured as an operator would: non-secret settings as system
     * properties, the secrets and the store in the environment. Its output goes to {@code log}.
     */
    static Process workerProcess(String profile, Emulators emulators, String storeUrl, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        ProcessBuilder builder = new ProcessBuilder();
        for (Map.Entry<String, Object> setting : workerSettings(profile, emulators, log.getParent()).entrySet()) {
            if (setting.getKey().endsWith("client-secret")) {
                builder.environment().put(setting.getKey().contains("business-central")
                        ? "CRMSYNC_BC_CLIENT_SECRET" : "CRMSYNC_DATAVERSE_CLIENT_SECRET", setting.getValue().toString());
            } else if (!setting.getKey().equals("crmsync.store.url")) {
                command.add("-D" + setting.getKey() + "=" + setting.getValue());
            }
        }
        builder.environment().put("CRMSYNC_DB_URL", storeUrl);
        Matcher user = Pattern.compile("[?&]user=([^&]+)").matcher(storeUrl);
        if (user.find()) {
            builder.environment().put("CRMSYNC_DB_USER", user.group(1));
        }
        command.add(WorkerApplication.class.getName());
        return builder.command(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Stops worker processes and waits until they have exited: one still shutting down polls the shared task queue,
     * and would take the next test's tasks for a profile it does not know.
     */
    static void stop(Process... workers) throws InterruptedException {
        for (Process worker : workers) {
            worker.destroy();
        }
        for (Process worker : workers) {
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor();
            }
        }
    }

    /** Waits until a worker process says it polls its task queue. */
    static void awaitPolling(Path log) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!(Files.exists(log) && Files.readString(log).contains("crmsync worker polling task queue"))) {
            assertTrue(Instant.now().isBefore(deadline), "the worker did not start polling; its output:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"));
            Thread.sleep(200);
        }
    }

    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "waited " + limit + " for " + what);
            Thread.sleep(200);
        }
    }

    /** Both emulators back to their seeded rows, healthy, with tokens that live the usual hour. */
    static void reset(Emulators emulators) throws IOException, InterruptedException {
        for (ServiceEmulator emulator : List.of(emulators.bc(), emulators.dataverse())) {
            emulator.configureFaults(FaultSettings.NONE);
            emulator.tokens().setLifetime(Duration.ofSeconds(3599));
        }
        for (String root : List.of(emulators.bcUrl(), emulators.dataverseUrl())) {
            HttpResponse<String> reset = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/_admin/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, reset.statusCode(), reset.body());
        }
    }

    /**
     * A dev server of the test's own on {@code port}, persisting to {@code database} so that a restart keeps
     * every workflow; returns once it answers.
     */
    static Process startServer(int port, Path database, Path log) throws IOException, InterruptedException {
        Process server = new ProcessBuilder("temporal", "server", "start-dev", "--headless", "--ip", "127.0.0.1",
                "--port", Integer.toString(port), "--db-filename", database.toString(),
                "--search-attribute", "CrmSyncProfile=Keyword", "--search-attribute", "CrmSyncStatus=Keyword",
                "--search-attribute", "CrmSyncMapping=Keyword")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await(Duration.ofMinutes(1), "the dev server on port " + port + " to answer", () -> {
            try {
                return new ProcessBuilder("temporal", "operator", "cluster", "health", "--address", "127.0.0.1:" + port)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return server;
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
