package org.crmsync.emulators.odata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading and writing {@code multipart/mixed} bodies and the HTTP messages inside them, as OData
 * {@code $batch} requests and responses carry them (apis.md A6).
 */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    /** One part: its headers (names in lower case) and its body. */
    public record Part(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An HTTP request inside a batch part. */
    public record Message(String method, String target, Map<String, String> headers, String body) {
    }

    private Multipart() {
    }

    /** The boundary of a {@code multipart/mixed} content type, or null when it is not one. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            return null;
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The parts between {@code --boundary} delimiters, up to the closing {@code --boundary--}. */
    public static List<Part> parse(String body, String boundary) {
        String text = body.replace("\r\n", "\n");
        String delimiter = "--" + boundary;
        int start = text.indexOf(delimiter);
        if (start < 0) {
            throw new ODataException(400, "0x80060888", "The batch body has no part delimited by '" + delimiter + "'.");
        }
        List<Part> parts = new ArrayList<>();
        int at = start + delimiter.length();
        while (true) {
            if (text.startsWith("--", at)) {
                return parts;
            }
            int next = text.indexOf("\n" + delimiter, at);
            if (next < 0) {
                throw new ODataException(400, "0x80060888", "The batch body is not closed with '" + delimiter + "--'.");
            }
            parts.add(part(text.substring(skipLineEnd(text, at), next)));
            at = next + 1 + delimiter.length();
        }
    }

    private static int skipLineEnd(String text, int at) {
        int newline = text.indexOf('\n', at);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static Part part(String text) {
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String body = blank < 0 ? "" : text.substring(blank + 2);
        return new Part(headers(head.lines().toList()), body);
    }

    private static Map<String, String> headers(List<String> lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** The request in an {@code application/http} part: request line, headers, blank line, body. */
    public static Message message(Part part) {
        String text = part.body();
        int blank = text.indexOf("\n\n");
        List<String> head = (blank < 0 ? text : text.substring(0, blank)).lines().toList();
        String body = blank < 0 ? "" : text.substring(blank + 2).strip();
        String[] requestLine = head.isEmpty() ? new String[0] : head.get(0).trim().split(" ");
        if (requestLine.length < 2) {
            throw new ODataException(400, "0x80060888", "A batch part does not start with a request line such as "
                    + "'POST /api/data/v9.2/accounts HTTP/1.1'.");
        }
        return new Message(requestLine[0].toUpperCase(Locale.ROOT), requestLine[1],
                headers(head.subList(1, head.size())), body);
    }

    /** An {@code application/http} response part. */
    public static String responsePart(int status, String reason, Map<String, String> headers, String body,
                                      String contentId) {
        StringBuilder part = new StringBuilder("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId != null) {
            part.append("Content-ID: ").append(contentId).append("\r\n");
        }
        part.append("\r\nHTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.forEach((name, value) -> part.append(name).append(": ").append(value).append("\r\n"));
        part.append("\r\n");
        if (!body.isEmpty()) {
            part.append(body).append("\r\n");
        }
        return part.toString();
    }

    /** A {@code multipart/mixed} body of {@code parts}, each already rendered with its own headers. */
    public static String write(String boundary, List<String> parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part);
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }
}
