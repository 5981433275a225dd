package org.crmsync.emulators.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the emulators see it: the raw path and query (so that encoding is judged the
 * way the real service judges it), headers with lower-case names, and the body as text.
 */
public record EmulatorRequest(String method, String path, String rawQuery, Map<String, String> headers, String body) {

    public EmulatorRequest {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? "" : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Query options decoded, in request order; a repeated option keeps its last value. */
    public Map<String, String> query() {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            options.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return options;
    }

    /** The value of a {@code Prefer} preference such as {@code odata.maxpagesize}, or null. */
    public String preference(String name) {
        String prefer = header("Prefer");
        if (prefer == null) {
            return null;
        }
        for (String part : prefer.split(",")) {
            String trimmed = part.trim();
            if (trimmed.equalsIgnoreCase(name)) {
                return "";
            }
            if (trimmed.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + "=")) {
                return trimmed.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static String decode(String text) {
        // '+' is a literal plus in OData URLs only when encoded; an unencoded one means a space to the server.
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
