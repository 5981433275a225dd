package org.crmsync.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.crmsync.workflows.codec.AesGcmCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The codec server over real HTTP, called as the Temporal UI and CLI call it. */
class CodecServerTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final String UI = "http://localhost:8233";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AesGcmCodec workersCodec = new AesGcmCodec(KEY);
    private CodecServer server;

    @BeforeEach
    void start() throws IOException {
        server = CodecServer.start(new AesGcmCodec(KEY), 0, List.of(UI));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPayloadAWorkerEncryptedComesBackAsItsJson() throws Exception {
        Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(new Secretive("demo", 42)).orElseThrow();
        Payload sealed = workersCodec.encode(List.of(plain)).get(0);

        HttpResponse<String> decoded = post("/decode", json(sealed), UI);

        assertEquals(200, decoded.statusCode(), decoded.body());
        assertEquals(List.of(plain), payloads(decoded.body()));
        assertEquals(UI, decoded.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void theNamespacedRouteTheCliTemplatesServesTheSameAndEncodeIsWhatAWorkerCanRead() throws Exception {
        Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload("a summary").orElseThrow();

        HttpResponse<String> encoded = post("/default/encode", json(plain), null);

        assertEquals(200, encoded.statusCode(), encoded.body());
        Payload sealed = payloads(encoded.body()).get(0);
        assertNotEquals(plain, sealed, "encrypted");
        assertEquals(plain, workersCodec.decode(List.of(sealed)).get(0));
    }

    @Test
    void theUisPreflightIsAnsweredAndAnyOtherPageIsRefused() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals(UI, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("X-Namespace"));

        Payload sealed = workersCodec.encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow()))
                .get(0);
        HttpResponse<String> foreign = post("/decode", json(sealed), "https://evil.example");
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("--ui-origin https://evil.example"), foreign.body());
        assertFalse(foreign.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void whatCannotBeDecodedIsRefusedWithTheReason() throws Exception {
        Payload sealedWithAnotherKey = new AesGcmCodec("fedcba9876543210fedcba9876543210".getBytes())
                .encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow())).get(0);

        HttpResponse<String> wrongKey = post("/decode", json(sealedWithAnotherKey), UI);
        assertEquals(400, wrongKey.statusCode());
        assertTrue(wrongKey.body().contains(AesGcmCodec.KEY_VARIABLE), wrongKey.body());

        HttpResponse<String> notPayloads = post("/decode", "[1, 2]", UI);
        assertEquals(400, notPayloads.statusCode());
        assertTrue(notPayloads.body().contains("proto3 JSON"), notPayloads.body());

        assertEquals(404, post("/history", "{}", UI).statusCode());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/decode")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
    }

    private HttpResponse<String> post(String path, String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .header("X-Namespace", "default")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(origin).ifPresent(value -> request.header("Origin", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(Payload payload) throws Exception {
        return JsonFormat.printer().print(Payloads.newBuilder().addPayloads(payload));
    }

    private static List<Payload> payloads(String json) throws Exception {
        Payloads.Builder payloads = Payloads.newBuilder();
        JsonFormat.parser().merge(json, payloads);
        return payloads.getPayloadsList();
    }

    record Secretive(String profile, int count) {
    }
}
