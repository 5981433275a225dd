package org.crmsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.crmsync.emulators.service.LimitSettings;

/**
 * Both emulators in a JVM of their own, seeded and listening, steered through their admin API. The
 * benchmarks use it so that the memory and CPU they measure in their own process are the worker's alone.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String bcUrl;
    private final String dataverseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private EmulatorProcess(Process process, int bcPort, int dataversePort) {
        this.process = process;
        this.bcUrl = "http://127.0.0.1:" + bcPort;
        this.dataverseUrl = "http://127.0.0.1:" + dataversePort;
    }

    /**
     * Starts {@code crmsync emulators} with {@code scale} customers and returns once it is ready.
     *
     * @param options further options of that command, such as {@code --latency-ms 5}
     */
    static EmulatorProcess start(int scale, String heap, List<String> options, PrintStream out) throws IOException {
        int bcPort = freePort();
        int dataversePort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "emulators",
                "--scale", Integer.toString(scale), "--bc-port", Integer.toString(bcPort),
                "--dataverse-port", Integer.toString(dataversePort)));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        EmulatorProcess emulators = new EmulatorProcess(process, bcPort, dataversePort);
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); ; line = lines.readLine()) {
            if (line == null) {
                emulators.close();
                throw new IllegalStateException("the emulators stopped before they were ready");
            }
            if (line.startsWith("Ready in")) {
                out.printf("  emulators with %,d customers: %s%n", scale, line);
                break;
            }
        }
        CompletableFuture.runAsync(() -> lines.lines().forEach(ignored -> { })); // keep the pipe drained
        return emulators;
    }

    String bcUrl() {
        return bcUrl;
    }

    String dataverseUrl() {
        return dataverseUrl;
    }

    /** Every table of both emulators back to its seeded state, as if nothing had been synced. */
    void reset() {
        admin(bcUrl, "POST", "reset", "");
        admin(dataverseUrl, "POST", "reset", "");
    }

    void limitDataverse(LimitSettings limits) {
        try {
            admin(dataverseUrl, "PUT", "limits", JSON.writeValueAsString(limits));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests the Dataverse emulator has seen, and how many of them its service protection limits refused. */
    Requests dataverseRequests() {
        try {
            JsonNode stats = JSON.readTree(admin(dataverseUrl, "GET", "stats", null));
            return new Requests(stats.path("requests").asLong(), stats.path("refusedByLimits").asLong());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Requests(long seen, long refused) {
        Requests since(Requests earlier) {
            return new Requests(seen - earlier.seen, refused - earlier.refused);
        }

        long accepted() {
            return seen - refused;
        }
    }

    private String admin(String root, String method, String resource, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/_admin/" + resource))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("the emulators at " + root + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The emulators' process, for its CPU time. */
    ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
