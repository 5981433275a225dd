package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.ODataException;

/**
 * Who may do what: each client signs in as its application user, and what that user may do follows from
 * the security roles assigned to it. The emulator knows four roles; a user without the role an operation
 * needs gets the service's 403 naming the missing privilege.
 *
 * <ul>
 * <li>System Administrator: everything, including customizing tables, importing solutions and assigning roles;</li>
 * <li>Integration User: read and write data;</li>
 * <li>Integration Administrator: read data and metadata, and add or relabel the options of choice columns, which
 * BC's option mappings (payment terms, shipment methods, shipping agents) do as the integration user (what BC's
 * setup assigns next to Integration User);</li>
 * <li>Salesperson: read data.</li>
 * </ul>
 */
final class Security {

    static final String SYSTEM_ADMINISTRATOR = "System Administrator";
    static final String INTEGRATION_ADMINISTRATOR = "Integration Administrator";
    static final String INTEGRATION_USER = "Integration User";
    static final String SALESPERSON = "Salesperson";

    /** What an operation needs. */
    enum Privilege { READ, WRITE, CUSTOMIZE, EDIT_OPTIONS, IMPORT_SOLUTION }

    /** Tables whose rows are customizations: writing them is customizing, not data entry. */
    private static final Set<String> CUSTOMIZATIONS = Set.of("solution", "role");

    private final EntityTable roles;
    private final EntityTable assignments;
    private final Map<String, String> applicationUsers = new ConcurrentHashMap<>();

    Security(EntityTable roles, EntityTable assignments) {
        this.roles = roles;
        this.assignments = assignments;
    }

    /** Makes {@code clientId} sign in as the application user {@code systemUserId}. */
    void registerApplicationUser(String clientId, String systemUserId) {
        applicationUsers.put(clientId, systemUserId.toLowerCase(Locale.ROOT));
    }

    /** The systemuser a client signs in as. */
    String caller(String clientId) {
        String user = applicationUsers.get(clientId);
        if (user == null) {
            throw new ODataException(403, "0x80072560", "The user is not a member of the organization.");
        }
        return user;
    }

    /** Refuses with 403 unless {@code user} holds a role granting {@code privilege} on {@code logicalName}. */
    void require(String user, Privilege privilege, String logicalName) {
        Set<String> held = roleNames(user);
        boolean allowed = held.contains(SYSTEM_ADMINISTRATOR) || switch (privilege) {
            case READ -> held.contains(INTEGRATION_USER) || held.contains(INTEGRATION_ADMINISTRATOR)
                    || held.contains(SALESPERSON);
            case WRITE -> held.contains(INTEGRATION_USER) && !CUSTOMIZATIONS.contains(logicalName);
            case CUSTOMIZE, IMPORT_SOLUTION -> false;
            case EDIT_OPTIONS -> held.contains(INTEGRATION_ADMINISTRATOR);
        };
        if (!allowed) {
            String name = switch (privilege) {
                case READ -> "prvRead";
                case WRITE -> "prvWrite";
                case CUSTOMIZE, EDIT_OPTIONS -> "prvCustomize";
                case IMPORT_SOLUTION -> "prvImportSolution";
            };
            throw new ODataException(403, "0x80040220", "Principal user (Id=" + user + ", type=8, roleCount="
                    + held.size() + ", accessMode='4') is missing " + name + capitalized(logicalName)
                    + " privilege. Assign the user a security role that grants it.");
        }
    }

    private Set<String> roleNames(String principal) {
        return rolesOf(principal).stream().map(role -> role.path("name").asText()).collect(Collectors.toSet());
    }

    /** The role rows assigned to a user or team; the assignments are indexed by principal, as this runs on every call. */
    List<ObjectNode> rolesOf(String principal) {
        return assignments.withIndexed(principal).stream()
                .map(row -> roles.get(row.path("roleid").asText()))
                .filter(role -> role != null)
                .toList();
    }

    /** The assignment row that gives {@code roleId} to {@code principal}; idempotent like the service. */
    ObjectNode assignment(String principal, String roleId) {
        if (roles.get(roleId) == null) {
            throw new ODataException(404, "0x80040217", "role With Id = " + roleId + " Does Not Exist");
        }
        ObjectNode row = JsonBodies.MAPPER.createObjectNode();
        row.put("systemuserroleid", UUID.nameUUIDFromBytes((principal + "|" + roleId).toLowerCase(Locale.ROOT)
                .getBytes()).toString());
        row.put("principalid", principal.toLowerCase(Locale.ROOT));
        row.put("roleid", roleId.toLowerCase(Locale.ROOT));
        return row;
    }

    private static String capitalized(String logicalName) {
        return logicalName.isEmpty() ? logicalName
                : Character.toUpperCase(logicalName.charAt(0)) + logicalName.substring(1);
    }
}
