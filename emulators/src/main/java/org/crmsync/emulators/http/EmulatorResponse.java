package org.crmsync.emulators.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response produced by an emulator. */
public record EmulatorResponse(int status, Map<String, String> headers, String body) {

    public static EmulatorResponse json(int status, String json) {
        return new EmulatorResponse(status, Map.of("Content-Type", "application/json; odata.metadata=minimal"), json);
    }

    public static EmulatorResponse text(int status, String text) {
        return new EmulatorResponse(status, Map.of("Content-Type", "text/plain"), text);
    }

    public static EmulatorResponse empty(int status) {
        return new EmulatorResponse(status, Map.of(), "");
    }

    public EmulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new EmulatorResponse(status, more, body);
    }
}
