package org.crmsync.emulators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A solution file as Dataverse's ImportSolution takes it: a zip of solution.xml, customizations.xml and
 * [Content_Types].xml. It names the solution and its version and customizes nothing: a stand-in for Business
 * Central's MicrosoftDynamicsNavIntegration.zip in tests and demos, which import it into the emulator.
 */
public final class SolutionFile {

    public static final String INTEGRATION_SOLUTION = "MicrosoftDynamicsNavIntegration";

    private SolutionFile() {
    }

    public static byte[] of(String uniqueName, String version) {
        Map<String, String> files = Map.of(
                "solution.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImportExportXml version=\"9.2\">"
                        + "<SolutionManifest><UniqueName>" + uniqueName + "</UniqueName><Version>" + version
                        + "</Version><Managed>1</Managed></SolutionManifest></ImportExportXml>\n",
                "customizations.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImportExportXml/>\n",
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Types xmlns="
                        + "\"http://schemas.openxmlformats.org/package/2006/content-types\"/>\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
