package org.crmsync.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A worker's health and metrics over HTTP, for a container's probes and for Prometheus: {@code GET /health}
 * answers 200 when Temporal, the store and the worker are up and 503 naming what is not, {@code GET /metrics}
 * the Temporal SDK's, the JVM's and crmsync's meters in Prometheus' text format. Neither shows a secret.
 */
public final class OperationsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Supplier<List<HealthCheck>> health;
    private final PrometheusMeterRegistry metrics;

    private OperationsServer(HttpServer server, ExecutorService threads, Supplier<List<HealthCheck>> health,
                             PrometheusMeterRegistry metrics) {
        this.server = server;
        this.threads = threads;
        this.health = health;
        this.metrics = metrics;
    }

    /** Serves on {@code host:port}; port 0 picks a free one. */
    public static OperationsServer start(String host, int port, Supplier<List<HealthCheck>> health,
                                         PrometheusMeterRegistry metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve health and metrics on " + host + ":" + port + " ("
                    + e.getMessage() + "): choose another crmsync.worker.http-port", e);
        }
        // two threads: a probe must be answered while a slow scrape is being written
        ExecutorService threads = Executors.newFixedThreadPool(2);
        OperationsServer operations = new OperationsServer(server, threads, health, metrics);
        server.createContext("/", operations::answer);
        server.setExecutor(threads);
        server.start();
        return operations;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain", text("only GET /health and GET /metrics"));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/health" -> sendHealth(exchange);
                case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics::scrape);
                default -> send(exchange, 404, "text/plain", text("only GET /health and GET /metrics"));
            }
        }
    }

    private void sendHealth(HttpExchange exchange) throws IOException {
        List<HealthCheck> checks = health.get();
        boolean up = checks.stream().allMatch(HealthCheck::up);
        ObjectNode body = JSON.createObjectNode().put("status", up ? "UP" : "DOWN");
        ObjectNode parts = body.putObject("checks");
        checks.forEach(check -> parts.put(check.name(), check.up() ? "UP" : "DOWN: " + check.problem()));
        send(exchange, up ? 200 : 503, "application/json", text(body.toString()));
    }

    /** What a response carries, written straight to the exchange. */
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static Body text(String text) {
        return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sent in chunks, so that a scrape of many series is written as it is produced rather than held whole. */
    private static void send(HttpExchange exchange, int status, String contentType, Body body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
