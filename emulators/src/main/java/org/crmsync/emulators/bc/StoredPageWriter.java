package org.crmsync.emulators.bc;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crmsync.emulators.odata.PageQuery;

/**
 * Writes a collection page straight from stored rows, for a query that only pages (no filter, order,
 * {@code $select} or {@code $expand}): each row's bytes are copied with its ETag put in place of the internal
 * version. A 20,000-row page then costs a copy instead of a parse and a render per row.
 */
final class StoredPageWriter {

    private static final byte[] VERSION_KEY = "\"@version\":".getBytes(StandardCharsets.UTF_8);

    private StoredPageWriter() {
    }

    static byte[] write(String context, PageQuery.StoredPage page, String nextLink) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(page.rows().stream()
                .mapToInt(row -> row.getValue().length + 48).sum() + 1024);
        writeText(out, "{\"@odata.context\":" + quote(context));
        if (page.total() >= 0) {
            writeText(out, ",\"@odata.count\":" + page.total());
        }
        writeText(out, ",\"value\":[");
        boolean first = true;
        for (Map.Entry<String, byte[]> row : page.rows()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            writeRow(out, row.getValue());
        }
        out.write(']');
        if (nextLink != null) {
            writeText(out, ",\"@odata.nextLink\":" + quote(nextLink));
        }
        out.write('}');
        return out.toByteArray();
    }

    /**
     * Copies one stored row without its {@code "@version":n} member and with {@code @odata.etag} first. That key
     * can only occur as a member name: inside a string value its quotes would be escaped.
     */
    private static void writeRow(ByteArrayOutputStream out, byte[] row) {
        int key = indexOf(row, VERSION_KEY);
        if (key < 0) {
            throw new IllegalStateException("A stored row has no version: " + new String(row, StandardCharsets.UTF_8));
        }
        int digits = key + VERSION_KEY.length;
        int end = digits;
        long version = 0;
        while (row[end] >= '0' && row[end] <= '9') {
            version = version * 10 + (row[end++] - '0');
        }
        // Drop the member with one of the commas around it, whichever it has.
        int cutFrom = row[key - 1] == ',' ? key - 1 : key;
        int cutTo = row[key - 1] == ',' || row[end] != ',' ? end : end + 1;
        writeText(out, "{\"@odata.etag\":" + quote(BusinessCentralEmulator.etag(version)));
        if (cutFrom > 1 || cutTo < row.length - 1) {
            out.write(',');
        }
        out.write(row, 1, cutFrom - 1);
        out.write(row, cutTo, row.length - cutTo);
    }

    private static int indexOf(byte[] row, byte[] key) {
        outer:
        for (int i = 1; i <= row.length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (row[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
