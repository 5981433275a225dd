package org.crmsync.starter;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporal's remote codec protocol, so that the Web UI and {@code temporal workflow show --codec-endpoint} can
 * read what the workers encrypted: {@code POST /decode} and {@code POST /encode}, also under a namespace
 * ({@code /default/decode}), each taking and giving {@code {"payloads": [...]}} in proto3 JSON.
 *
 * <p>It decrypts whatever it is sent, so it listens on the loopback interface only. The UI calls it from the
 * browser, cross-origin: it answers the UI's origins and refuses any other page's, so a web site open in the
 * same browser cannot use it to read payloads.
 */
public final class CodecServer implements AutoCloseable {

    private static final Pattern ROUTE = Pattern.compile("(?:/[^/]+)?/(decode|encode)/?");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final HttpServer server;
    private final ExecutorService threads;
    private final PayloadCodec codec;
    private final Set<String> uiOrigins;

    private CodecServer(HttpServer server, ExecutorService threads, PayloadCodec codec, Collection<String> uiOrigins) {
        this.server = server;
        this.threads = threads;
        this.codec = codec;
        this.uiOrigins = Set.copyOf(uiOrigins);
    }

    /**
     * Serves {@code codec} on the loopback interface.
     *
     * @param port      0 for a free one
     * @param uiOrigins the Temporal UI's origins, such as {@code http://localhost:8233}, that may call it
     */
    public static CodecServer start(PayloadCodec codec, int port, Collection<String> uiOrigins) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CodecServer codecServer = new CodecServer(server, threads, codec, uiOrigins);
        server.createContext("/", codecServer::answer);
        server.setExecutor(threads);
        server.start();
        return codecServer;
    }

    /** Where to point the UI and the CLI, such as {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher route = ROUTE.matcher(exchange.getRequestURI().getPath());
            if (!route.matches()) {
                reply(exchange, 404, "text/plain", "no such endpoint: POST /decode or /encode");
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                if (!uiOrigins.contains(origin)) {
                    reply(exchange, 403, "text/plain", "the origin " + origin + " may not use this codec server; "
                            + "if it is the Temporal UI's, start the codec server with --ui-origin " + origin);
                    return;
                }
                allowCrossOrigin(exchange, origin);
            }
            switch (exchange.getRequestMethod()) {
                case "OPTIONS" -> reply(exchange, 204, null, null);
                case "POST" -> convert(exchange, route.group(1).equals("decode"));
                default -> {
                    exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                    reply(exchange, 405, "text/plain", exchange.getRequestMethod() + " is not allowed; POST the payloads");
                }
            }
        }
    }

    /** The UI may send its access token and the namespace, and asks first in a preflight. */
    private static void allowCrossOrigin(HttpExchange exchange, String origin) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", origin);
        headers.set("Access-Control-Allow-Credentials", "true");
        headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
        headers.set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization");
        headers.set("Access-Control-Max-Age", "600");
        headers.set("Vary", "Origin");
    }

    private void convert(HttpExchange exchange, boolean decode) throws IOException {
        Payloads.Builder request = Payloads.newBuilder();
        try (InputStream body = exchange.getRequestBody()) {
            PARSER.merge(new String(body.readAllBytes(), StandardCharsets.UTF_8), request);
        } catch (InvalidProtocolBufferException e) {
            reply(exchange, 400, "text/plain", "the body is not {\"payloads\": [...]} in proto3 JSON: " + e.getMessage());
            return;
        }
        List<Payload> converted;
        try {
            converted = decode ? codec.decode(request.getPayloadsList()) : codec.encode(request.getPayloadsList());
        } catch (PayloadCodecException e) {
            reply(exchange, 400, "text/plain", e.getMessage());
            return;
        }
        reply(exchange, 200, "application/json", PRINTER.print(Payloads.newBuilder().addAllPayloads(converted)));
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
