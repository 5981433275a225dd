package org.crmsync.emulators.odata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the next-page links both services hand out. */
public final class Links {

    private Links() {
    }

    /**
     * The request's own URL with {@code $skiptoken} replaced: clients must follow it verbatim, so it is
     * built from the raw query they sent.
     */
    public static String nextLink(String base, String rawPath, String rawQuery, String skipToken) {
        StringBuilder query = new StringBuilder();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.startsWith("$skiptoken=") && !pair.startsWith("%24skiptoken=")) {
                    query.append(query.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        query.append(query.length() == 0 ? "" : "&").append("$skiptoken=")
                .append(URLEncoder.encode(skipToken, StandardCharsets.UTF_8));
        return base + rawPath + "?" + query;
    }
}
