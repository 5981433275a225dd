package org.crmsync.emulators.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Map;

/**
 * An HTTP response produced by an emulator. The body is bytes, so that a large page assembled from stored
 * rows goes to the wire without a round trip through a String.
 */
public record EmulatorResponse(int status, Map<String, String> headers, byte[] body) {

    private static final String JSON = "application/json; odata.metadata=minimal";

    public EmulatorResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public static EmulatorResponse json(int status, String json) {
        return new EmulatorResponse(status, Map.of("Content-Type", JSON), json);
    }

    public static EmulatorResponse json(int status, byte[] json) {
        return new EmulatorResponse(status, Map.of("Content-Type", JSON), json);
    }

    public static EmulatorResponse text(int status, String text) {
        return new EmulatorResponse(status, Map.of("Content-Type", "text/plain"), text);
    }

    public static EmulatorResponse empty(int status) {
        return new EmulatorResponse(status, Map.of(), new byte[0]);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The same answer with only the first half of its body, as a connection cut mid-body delivers it. */
    public EmulatorResponse cutOffHalfway() {
        return new EmulatorResponse(status, headers, Arrays.copyOf(body, body.length / 2));
    }

    public EmulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new EmulatorResponse(status, more, body);
    }
}
