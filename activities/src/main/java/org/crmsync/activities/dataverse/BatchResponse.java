package org.crmsync.activities.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart {@code $batch} answer (apis.md A6): each part holds an HTTP status line, headers and a
 * body. Only top-level parts are read; crmsync sends no changesets.
 */
final class BatchResponse {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchResponse() {
    }

    /** Per part, in order: null for a success, else the error's message (or the status when there is none). */
    static List<String> outcomes(String body, String contentType) {
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!boundary.find()) {
            throw new IllegalArgumentException("a $batch answer without a multipart boundary: " + contentType);
        }
        List<String> outcomes = new ArrayList<>();
        String[] parts = body.replace("\r\n", "\n").split("--" + Pattern.quote(boundary.group(1)));
        for (String part : parts) {
            Matcher status = STATUS.matcher(part);
            if (!status.find()) {
                continue; // the preamble and the closing delimiter
            }
            int code = Integer.parseInt(status.group(1));
            outcomes.add(code < 400 ? null : reason(code, part.substring(status.end())));
        }
        return outcomes;
    }

    private static String reason(int status, String rest) {
        int json = rest.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode error = JSON.readTree(rest.substring(json).strip()).path("error");
                if (error.hasNonNull("message")) {
                    return error.path("message").asText();
                }
            } catch (IOException notJson) {
                // fall back to the status
            }
        }
        return "Dataverse refused the request (" + status + ")";
    }
}
