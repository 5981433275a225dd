package org.crmsync.emulators.conformance;

import static org.crmsync.emulators.conformance.Harness.admin;
import static org.crmsync.emulators.conformance.Harness.encode;
import static org.crmsync.emulators.conformance.Harness.ok;
import static org.crmsync.emulators.conformance.Harness.refused;
import static org.crmsync.emulators.conformance.Harness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.SolutionFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the setup guide needs of Dataverse: roles, their assignment, 403s, integration columns and choices. */
class DataverseSecurityTest {

    private static Harness harness;
    private static String api;
    private static String integration;
    private static String administrator;

    @BeforeAll
    static void start() {
        harness = new Harness(20, 0);
        api = harness.dataverse;
        integration = harness.token(harness.emulators.dataverseUrl());
        administrator = harness.token(harness.emulators.dataverseUrl(), Emulators.ADMIN_CLIENT_ID, Emulators.ADMIN_CLIENT_SECRET);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static Set<String> roleNames(String user) {
        Set<String> names = new HashSet<>();
        ok(200, send("GET", api + "systemusers(" + user + ")/systemuserroles_association", administrator, null))
                .get("value").forEach(role -> names.add(role.get("name").asText()));
        return names;
    }

    private static String roleId(String name) {
        return ok(200, send("GET", api + "roles?$filter=" + encode("name eq '" + name + "'"), administrator, null))
                .get("value").get(0).get("roleid").asText();
    }

    @Test
    void aUserWithoutTheRoleAnOperationNeedsGets403UntilAnAdministratorAssignsIt() {
        String user = harness.emulators.seeded().integrationUserId();
        assertEquals(Set.of("Integration Administrator", "Integration User"), roleNames(user));
        String integrationUser = roleId("Integration User");
        ok(204, send("DELETE", api + "systemusers(" + user + ")/systemuserroles_association(" + integrationUser + ")/$ref",
                administrator, null));
        refused(403, "prvWriteAccount", send("POST", api + "accounts", integration, "{\"name\":\"Refused\"}"));
        ok(200, send("GET", api + "accounts?$select=name", integration, null));
        refused(403, "prvCustomizeRole", send("POST", api + "systemusers(" + user + ")/systemuserroles_association/$ref",
                integration, "{\"@odata.id\":\"" + api + "roles(" + integrationUser + ")\"}"));
        ok(204, send("POST", api + "systemusers(" + user + ")/systemuserroles_association/$ref", administrator,
                "{\"@odata.id\":\"" + api + "roles(" + integrationUser + ")\"}"));
        ok(204, send("POST", api + "accounts", integration, "{\"name\":\"Allowed\"}"));
        String administratorRole = roleId("Integration Administrator");
        ok(204, send("DELETE", api + "systemusers(" + user + ")/systemuserroles_association(" + administratorRole + ")/$ref",
                administrator, null));
        ok(204, send("DELETE", api + "systemusers(" + user + ")/systemuserroles_association(" + integrationUser + ")/$ref",
                administrator, null));
        refused(403, "roleCount=0", send("GET", api + "accounts", integration, null));
        ok(200, send("GET", api + "WhoAmI", integration, null));
        ok(204, send("POST", api + "systemusers(" + user + ")/systemuserroles_association/$ref", administrator,
                "{\"@odata.id\":\"" + api + "roles(" + integrationUser + ")\"}"));
        ok(204, send("POST", api + "systemusers(" + user + ")/systemuserroles_association/$ref", administrator,
                "{\"@odata.id\":\"" + api + "roles(" + administratorRole + ")\"}"));
    }

    @Test
    void importingBusinessCentralsSolutionNeedsAnAdministratorAndBringsItsRoles() {
        String user = harness.emulators.seeded().integrationUserId();
        String solution = "solutions?$select=uniquename,version&$filter="
                + encode("uniquename eq '" + SolutionFile.INTEGRATION_SOLUTION + "'");
        assertEquals("1.0.0.0", ok(200, send("GET", api + solution, integration, null)).get("value").get(0)
                .get("version").asText());
        assertTrue(harness.emulators.dataverse().uninstallSolution(SolutionFile.INTEGRATION_SOLUTION));
        assertEquals(Set.of(), roleNames(user), "the solution took its roles, and so the user's, along");
        assertEquals(0, ok(200, send("GET", api + "roles?$filter=" + encode("name eq 'Integration User'"), administrator,
                null)).get("value").size());

        refused(403, "prvImportSolution", send("POST", api + "ImportSolution", integration,
                importRequest(SolutionFile.of(SolutionFile.INTEGRATION_SOLUTION, "2.0.0.0"))));
        refused(400, "solution.xml, customizations.xml, and [Content_Types].xml", send("POST", api + "ImportSolution",
                administrator, importRequest("not a zip".getBytes(StandardCharsets.UTF_8))));
        refused(400, "ImportJobId", send("POST", api + "ImportSolution", administrator,
                "{\"OverwriteUnmanagedCustomizations\":false,\"PublishWorkflows\":true,\"CustomizationFile\":\"\"}"));
        ok(204, send("POST", api + "ImportSolution", administrator,
                importRequest(SolutionFile.of(SolutionFile.INTEGRATION_SOLUTION, "2.0.0.0"))));

        assertEquals("2.0.0.0", ok(200, send("GET", api + solution, administrator, null)).get("value").get(0)
                .get("version").asText());
        for (String role : List.of("Integration User", "Integration Administrator")) {
            ok(204, send("POST", api + "systemusers(" + user + ")/systemuserroles_association/$ref", administrator,
                    "{\"@odata.id\":\"" + api + "roles(" + roleId(role) + ")\"}"));
        }
        assertEquals(Set.of("Integration Administrator", "Integration User"), roleNames(user));
    }

    @Test
    void aTeamOwnsRowsOnlyWhileItHoldsARole() {
        String team = ok(200, send("GET", api + "teams?$select=teamid&$filter=" + encode("isdefault eq true"),
                administrator, null)).get("value").get(0).get("teamid").asText();
        String account = "{\"name\":\"Team-owned\",\"ownerid@odata.bind\":\"/teams(" + team + ")\"}";
        refused(400, "holds no security role", send("POST", api + "accounts", integration, account));
        ok(204, send("POST", api + "teams(" + team + ")/teamroles_association/$ref", administrator,
                "{\"@odata.id\":\"" + api + "roles(" + roleId("Integration User") + ")\"}"));
        ok(204, send("POST", api + "accounts", integration, account));
        assertEquals(team, ok(200, send("GET", api + "accounts?$select=_ownerid_value&$filter="
                + encode("name eq 'Team-owned'"), integration, null)).get("value").get(0).get("_ownerid_value").asText());
    }

    private static String importRequest(byte[] file) {
        return "{\"OverwriteUnmanagedCustomizations\":false,\"PublishWorkflows\":true,\"ImportJobId\":\""
                + UUID.randomUUID() + "\",\"CustomizationFile\":\"" + Base64.getEncoder().encodeToString(file) + "\"}";
    }

    @Test
    void aClientWithoutAnApplicationUserIsNotAMemberOfTheOrganization() {
        ok(204, admin(harness.emulators.dataverseUrl(), "POST", "clients", "{\"clientId\":\"stranger\",\"secret\":\"s\"}"));
        String stranger = harness.token(harness.emulators.dataverseUrl(), "stranger", "s");
        refused(403, "not a member of the organization", send("GET", api + "WhoAmI", stranger, null));
    }

    @Test
    void anAdministratorAddsIntegrationColumnsThatThenReadAndWrite() {
        String column = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"SchemaName\":\"crmsync_BcId\",\"MaxLength\":40}";
        refused(403, "prvCustomize", send("POST", api + "EntityDefinitions(LogicalName='account')/Attributes", integration, column));
        refused(404, "Could not find attribute", send("GET", api
                + "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='crmsync_bcid')", integration, null));
        ok(204, send("POST", api + "EntityDefinitions(LogicalName='account')/Attributes", administrator, column));
        refused(400, "already exists", send("POST", api + "EntityDefinitions(LogicalName='account')/Attributes", administrator, column));
        refused(400, "publisher prefix", send("POST", api + "EntityDefinitions(LogicalName='account')/Attributes", administrator,
                column.replace("crmsync_BcId", "NoPrefix")));
        JsonNode attribute = ok(200, send("GET", api
                + "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='crmsync_bcid')", integration, null));
        assertEquals(40, attribute.get("MaxLength").asInt());
        ok(204, send("POST", api + "accounts", integration, "{\"name\":\"Marked\",\"crmsync_bcid\":\"C000010\"}"));
        refused(400, "0x80044331", send("POST", api + "accounts", integration, "{\"name\":\"Long\",\"crmsync_bcid\":\"" + "9".repeat(41) + "\"}"));
        JsonNode marked = ok(200, send("GET", api + "accounts?$select=crmsync_bcid&$filter=" + encode("crmsync_bcid eq 'C000010'"),
                integration, null));
        assertEquals(1, marked.get("value").size());
    }

    @Test
    void choicesListTheirOptionsAndTheIntegrationAdministratorRoleMayAddAndRelabelOne() {
        String url = api + "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='address1_freighttermscode')"
                + "/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet";
        JsonNode before = ok(200, send("GET", url, integration, null));
        assertEquals(2, before.get("OptionSet").get("Options").size());
        String insert = "{\"EntityLogicalName\":\"account\",\"AttributeLogicalName\":\"address1_freighttermscode\","
                + "\"Label\":{\"LocalizedLabels\":[{\"Label\":\"EXW\",\"LanguageCode\":1033}]}}";
        String user = harness.emulators.seeded().integrationUserId();
        String administratorRole = roleId("Integration Administrator");
        ok(204, send("DELETE", api + "systemusers(" + user + ")/systemuserroles_association(" + administratorRole + ")/$ref",
                administrator, null));
        refused(403, "prvCustomize", send("POST", api + "InsertOptionValue", integration, insert));
        ok(204, send("POST", api + "systemusers(" + user + ")/systemuserroles_association/$ref", administrator,
                "{\"@odata.id\":\"" + api + "roles(" + administratorRole + ")\"}"));
        int value = ok(200, send("POST", api + "InsertOptionValue", integration, insert)).get("NewOptionValue").asInt();
        assertEquals(100_000_000, value);
        ok(204, send("POST", api + "accounts", integration, "{\"name\":\"On terms\",\"address1_freighttermscode\":"
                + value + "}"));
        String update = "{\"EntityLogicalName\":\"account\",\"AttributeLogicalName\":\"address1_freighttermscode\","
                + "\"Value\":%d,\"MergeLabels\":true,\"Label\":{\"LocalizedLabels\":[{\"Label\":\"EXW-2\",\"LanguageCode\":1033}]}}";
        ok(204, send("POST", api + "UpdateOptionValue", integration, update.formatted(value)));
        refused(400, "0x80047011", send("POST", api + "UpdateOptionValue", integration, update.formatted(77)));
        JsonNode after = ok(200, send("GET", url, integration, null)).get("OptionSet").get("Options");
        assertEquals(3, after.size());
        assertEquals("EXW-2", after.get(2).get("Label").get("UserLocalizedLabel").get("Label").asText());
        ok(204, admin(harness.emulators.dataverseUrl(), "POST", "reset", null));
        assertEquals(2, ok(200, send("GET", url, integration, null)).get("OptionSet").get("Options").size(),
                "a reset gives the column back the options it was seeded with");
    }
}
