package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.crmsync.emulators.SolutionFile;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.ODataException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The solutions installed in the environment, and the {@code ImportSolution} action that installs one from its
 * compressed file. The file must hold solution.xml, customizations.xml and [Content_Types].xml at its root, and
 * solution.xml names the solution and its version. Business Central's integration solution brings the
 * Integration Administrator and Integration User roles to every business unit; taking it away takes them, and
 * what they were assigned to, along.
 */
final class Solutions {

    /** Business Central's integration solution (bc-integration.md §8, ImportCRMSolution). */
    static final String INTEGRATION_SOLUTION = SolutionFile.INTEGRATION_SOLUTION;
    static final List<String> INTEGRATION_ROLES = List.of(Security.INTEGRATION_ADMINISTRATOR, Security.INTEGRATION_USER);
    private static final List<String> REQUIRED_FILES = List.of("solution.xml", "customizations.xml",
            "[Content_Types].xml");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){1,3}");

    private final EntityTable solutions;
    private final EntityTable roles;
    private final EntityTable businessUnits;
    private final EntityTable assignments;
    private final Clock clock;

    Solutions(EntityTable solutions, EntityTable roles, EntityTable businessUnits, EntityTable assignments, Clock clock) {
        this.solutions = solutions;
        this.roles = roles;
        this.businessUnits = businessUnits;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** {@code POST ImportSolution}: 204 once the solution is installed (or upgraded); the caller's rights are checked. */
    EmulatorResponse importSolution(EmulatorRequest request, Journal journal) {
        ObjectNode body = JsonBodies.object(request.body(), "0x80060888");
        for (String flag : List.of("OverwriteUnmanagedCustomizations", "PublishWorkflows")) {
            if (!body.path(flag).isBoolean()) {
                throw new ODataException(400, "0x80060888", "The parameter '" + flag + "' of ImportSolution is "
                        + "required and must be a boolean.");
            }
        }
        if (!body.path("ImportJobId").isTextual()
                || !body.get("ImportJobId").asText().matches("(?i)[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")) {
            throw new ODataException(400, "0x80060888", "The parameter 'ImportJobId' of ImportSolution is required "
                    + "and must be a GUID.");
        }
        byte[] file;
        try {
            file = Base64.getDecoder().decode(body.path("CustomizationFile").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ODataException(400, "0x80060888", "The parameter 'CustomizationFile' is not a valid Edm.Binary "
                    + "(base64) value.");
        }
        Map<String, byte[]> files = unzip(file);
        if (!files.keySet().containsAll(REQUIRED_FILES)) {
            throw invalidFile("The compressed file must contain the following files at its root: solution.xml, "
                    + "customizations.xml, and [Content_Types].xml.");
        }
        Document manifest = parse(files.get("solution.xml"));
        String uniqueName = text(manifest, "UniqueName");
        String version = text(manifest, "Version");
        if (uniqueName.isEmpty() || !VERSION.matcher(version).matches()) {
            throw invalidFile("solution.xml must name the solution (UniqueName) and its version (Version, such as "
                    + "1.0.0.0).");
        }
        install(uniqueName, version, text(manifest, "Managed").equals("1"), journal);
        return EmulatorResponse.empty(204);
    }

    private void install(String uniqueName, String version, boolean managed, Journal journal) {
        ObjectNode solution = find(uniqueName);
        if (solution == null) {
            solution = JsonBodies.MAPPER.createObjectNode();
            solution.put("solutionid", UUID.randomUUID().toString());
            solution.put("uniquename", uniqueName);
            solution.put("friendlyname", uniqueName);
        }
        solution.put("version", version);
        solution.put("ismanaged", managed);
        solution.put("installedon", clock.instant().toString());
        journal.put(solutions, solution);
        if (uniqueName.equals(INTEGRATION_SOLUTION)) {
            for (ObjectNode unit : businessUnits.select(row -> true)) {
                for (String name : INTEGRATION_ROLES) {
                    if (role(name, unit.get("businessunitid").asText()) == null) {
                        ObjectNode role = JsonBodies.MAPPER.createObjectNode();
                        role.put("roleid", UUID.randomUUID().toString());
                        role.put("name", name);
                        role.put("_businessunitid_value", unit.get("businessunitid").asText());
                        journal.put(roles, role);
                    }
                }
            }
        }
    }

    /** Seeds an installed solution, as the environment had it before anyone signed in. */
    void seed(String uniqueName, String version) {
        ObjectNode solution = JsonBodies.MAPPER.createObjectNode();
        solution.put("solutionid", UUID.nameUUIDFromBytes(uniqueName.getBytes(StandardCharsets.UTF_8)).toString());
        solution.put("uniquename", uniqueName);
        solution.put("friendlyname", uniqueName);
        solution.put("version", version);
        solution.put("ismanaged", true);
        solution.put("installedon", "2025-01-01T00:00:00Z");
        solutions.put(solution);
    }

    /** Uninstalls a solution; BC's takes its roles and their assignments along. False when it was not installed. */
    boolean uninstall(String uniqueName) {
        ObjectNode solution = find(uniqueName);
        if (solution == null) {
            return false;
        }
        solutions.remove(solution.get("solutionid").asText());
        if (uniqueName.equals(INTEGRATION_SOLUTION)) {
            for (ObjectNode role : roles.select(row -> INTEGRATION_ROLES.contains(row.path("name").asText()))) {
                String roleId = role.get("roleid").asText();
                assignments.select(row -> row.path("roleid").asText().equalsIgnoreCase(roleId))
                        .forEach(assignment -> assignments.remove(assignment.get("systemuserroleid").asText()));
                roles.remove(roleId);
            }
        }
        return true;
    }

    private ObjectNode find(String uniqueName) {
        return solutions.select(row -> row.path("uniquename").asText().equalsIgnoreCase(uniqueName)).stream()
                .findFirst().orElse(null);
    }

    private ObjectNode role(String name, String businessUnitId) {
        return roles.select(row -> row.path("name").asText().equals(name)
                && row.path("_businessunitid_value").asText().equalsIgnoreCase(businessUnitId)).stream()
                .findFirst().orElse(null);
    }

    private static Map<String, byte[]> unzip(byte[] file) {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw invalidFile("The file is not a valid compressed (zip) file: " + e.getMessage());
        }
        return files; // what is not a zip at all has no entries, so it lacks the files a solution needs
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw invalidFile("solution.xml is not well-formed XML: " + e.getMessage());
        }
    }

    private static String text(Document manifest, String element) {
        NodeList found = manifest.getElementsByTagName(element);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }

    /** Our code and wording: the documentation does not give the service's for a bad file. */
    private static ODataException invalidFile(String why) {
        return new ODataException(400, "0x80048033", "The import file is invalid. " + why);
    }
}
