package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.activities.store.Coupling;
import org.crmsync.emulators.SolutionFile;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SalesOrderIntegration;
import org.crmsync.workflows.setup.SalespersonMatch;
import org.crmsync.workflows.setup.SalespersonPairing;
import org.crmsync.workflows.setup.SetupProgress;
import org.crmsync.workflows.setup.SetupRequest;
import org.crmsync.workflows.setup.SetupStep;
import org.crmsync.workflows.setup.SetupWorkflow;
import org.crmsync.workflows.setup.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup guide against both emulators over HTTP, with the real activities and store. */
class SetupOverHttpTest {

    @TempDir
    Path store;

    @Test
    void theGuideCouplesByEmailWaitsForThePairsThenStartsAFullSyncThatFinishes() throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(100, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            SetupWorkflow setup = start(it, true, SalesOrderIntegration.BIDIRECTIONAL, null);
            SetupProgress waiting = awaitStatus(setup, StepStatus.WAITING_FOR_USER);

            assertEquals(salespeopleWithoutAUserOfTheirEmail(it), waiting.salespeople().unmatched().stream()
                    .map(SalespersonMatch.Salesperson::code).collect(Collectors.toSet()));
            SalespersonMatch.Salesperson paired = waiting.salespeople().unmatched().get(0);
            SalespersonMatch.CrmUser user = waiting.salespeople().freeUsers().get(0);
            List<String> skipped = waiting.salespeople().unmatched().stream().skip(1)
                    .map(SalespersonMatch.Salesperson::code).toList();
            setup.coupleSalespersons(new SalespersonPairing(Map.of(paired.code(), user.email()), skipped));

            SetupProgress done = WorkflowStub.fromTyped(setup).getResult(SetupProgress.class);
            assertEquals(StepStatus.DONE, done.status(), done.toString());
            assertEquals(user.id(), worker.store().couplings(SyncOverHttp.PROFILE, "SALESPEOPLE").get(paired.id()).crmId());
            assertEquals(user.email(), it.emulators.bc().row(DemoCompany.COMPANY_ID, "salespeoplePurchasers", paired.id())
                    .path("email").asText(), "the pair took the CRM user's values");

            String mappings = done.steps().get(SetupStep.DEFAULT_MAPPINGS.ordinal()).message();
            assertTrue(mappings.contains("sales orders: bidirectional; ownership: Person"), mappings);
            assertEquals(Direction.BIDIRECTIONAL, worker.store().mapping(SyncOverHttp.PROFILE, "SALESORDER-ORDER")
                    .direction(), "the option chose the order mapping");
            assertTrue(done.steps().get(SetupStep.FULL_SYNC.ordinal()).message().startsWith("started full-sync/it"));
            SyncResult fullSync = it.env.getWorkflowClient().newUntypedWorkflowStub("full-sync/" + SyncOverHttp.PROFILE)
                    .getResult(SyncResult.class);
            assertEquals(SyncStatus.FINISHED, fullSync.status(), "the full sync the guide started ran to the end");
        }
    }

    @Test
    void withTheTeamOwnershipModelNoSalespersonIsCoupledAndNewRowsBelongToTheDefaultTeam() {
        try (SyncOverHttp it = new SyncOverHttp(100, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET, SyncOverHttp.withAdministrator(Map.of()))) {
            SetupWorkflow setup = start(it, true, null, OwnershipModel.TEAM);
            SetupProgress done = WorkflowStub.fromTyped(setup).getResult(SetupProgress.class);

            assertEquals(StepStatus.DONE, done.status(), "nothing to pair, so nothing to wait for: " + done);
            String team = defaultTeam(it);
            String roles = done.steps().get(SetupStep.CHECK_ROLES.ordinal()).message();
            assertTrue(roles.endsWith("assigned Integration Administrator and Integration User to its default team "
                    + team + ", which owns the rows crmsync creates"), roles);
            assertEquals(Set.of("Integration Administrator", "Integration User"), rolesHeld(it, team));
            String mappings = done.steps().get(SetupStep.DEFAULT_MAPPINGS.ordinal()).message();
            assertTrue(mappings.contains("ownership: Team"), mappings);
            String salespeople = done.steps().get(SetupStep.COUPLE_SALESPEOPLE.ordinal()).message();
            assertTrue(salespeople.startsWith("none to couple"), salespeople);
            assertTrue(worker.store().mappings(SyncOverHttp.PROFILE).stream().noneMatch(mapping ->
                    mapping.name().equals("SALESPEOPLE") || mapping.dependsOn().contains("SALESPEOPLE")
                            || mapping.fields().stream().anyMatch(field -> field.crmField().equals("ownerid"))));

            SyncResult fullSync = it.env.getWorkflowClient().newUntypedWorkflowStub("full-sync/" + SyncOverHttp.PROFILE)
                    .getResult(SyncResult.class);
            assertEquals(SyncStatus.FINISHED, fullSync.status());
            assertTrue(fullSync.lines().stream().noneMatch(line -> line.name().equals("SALESPEOPLE")));
            ReviewLine customers = fullSync.lines().stream().filter(line -> line.name().equals("CUSTOMER")).findFirst()
                    .orElseThrow();
            // In the Person model a customer whose salesperson has no user fails; here none has an owner to resolve.
            assertEquals(0, customers.counters().failed(), customers.toString());
            long unblocked = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .filter(customer -> customer.path("blocked").asText().isBlank()).count();
            assertEquals(unblocked, customers.counters().inserted() + customers.counters().coupled());

            Set<String> customerAccounts = worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").values().stream()
                    .map(Coupling::crmId).collect(Collectors.toSet());
            Set<String> owners = it.emulators.dataverse().rows("accounts").stream()
                    .filter(account -> customerAccounts.contains(account.path("accountid").asText()))
                    .map(account -> account.path("_ownerid_value").asText())
                    .collect(Collectors.toSet());
            assertEquals(Set.of(team), owners, "the default team, not a salesperson's or the integration's user");
        }
    }

    @Test
    void withTheTeamOwnershipModelADefaultTeamWithoutRolesWaitsWithoutAnAdministratorsCredential()
            throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(20, store);
             CrmSyncWorker ignored = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            SetupProgress stuck = awaitStatus(start(it, false, null, OwnershipModel.TEAM), StepStatus.NEEDS_ATTENTION);

            String message = stuck.steps().get(SetupStep.CHECK_ROLES.ordinal()).message();
            assertTrue(message.startsWith("in the Team ownership model the rows crmsync creates belong to the default "
                    + "team " + defaultTeam(it) + " of the integration user's business unit, which lacks Integration "
                    + "Administrator and Integration User (a team without a role cannot own rows)"), message);
            assertTrue(message.contains("crmsync.profiles.it.dataverse.admin-client-id"), message);
        }
    }

    private static String defaultTeam(SyncOverHttp it) {
        return it.emulators.dataverse().rows("teams").stream().filter(team -> team.path("isdefault").asBoolean())
                .findFirst().orElseThrow().path("teamid").asText();
    }

    @Test
    void aWrongSecretWaitsAtTheConnectionStepNamingTheSettingToFix() throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(20, store);
             CrmSyncWorker ignored = it.worker("not-the-secret")) {
            SetupWorkflow setup = start(it, false, null, null);
            SetupProgress stuck = awaitStatus(setup, StepStatus.NEEDS_ATTENTION);
            String message = stuck.steps().get(SetupStep.CHECK_CONNECTION.ordinal()).message();
            assertTrue(message.contains("CRMSYNC_DATAVERSE_CLIENT_SECRET"), message);
            assertTrue(message.endsWith("crmsync setup retry"), message);
        }
    }

    @Test
    void rolesTheIntegrationUserLacksAreAssignedWithTheAdministratorsCredential() throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(20, store)) {
            String user = it.emulators.seeded().integrationUserId();
            it.emulators.dataverse().revokeRole(user, roleId(it, "Integration User"));
            it.emulators.dataverse().revokeRole(user, roleId(it, "Integration Administrator"));
            try (CrmSyncWorker ignored = it.worker(TokenService.DEMO_CLIENT_SECRET, SyncOverHttp.withAdministrator(Map.of()))) {
                SetupProgress waiting = awaitStatus(start(it, false, null, null), StepStatus.WAITING_FOR_USER);

                String roles = waiting.steps().get(SetupStep.CHECK_ROLES.ordinal()).message();
                assertTrue(roles.startsWith("MicrosoftDynamicsNavIntegration 1.0.0.0 is installed; assigned Integration "
                        + "Administrator and Integration User with the administrator's credential"), roles);
                assertEquals(Set.of("Integration Administrator", "Integration User"), rolesHeld(it, user));
                assertEquals(StepStatus.DONE, waiting.steps().get(SetupStep.DEFAULT_MAPPINGS.ordinal()).status(),
                        "the guide went on as the integration user, with its new roles");
            }
        }
    }

    @Test
    void withoutAnAdministratorsCredentialALackingRoleWaitsNamingWhereToAssignItThenARetryGoesOn()
            throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(20, store);
             CrmSyncWorker ignored = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            String user = it.emulators.seeded().integrationUserId();
            String optionsRole = roleId(it, "Integration Administrator");
            it.emulators.dataverse().revokeRole(user, optionsRole);
            SetupWorkflow setup = start(it, false, null, null);

            SetupProgress stuck = awaitStatus(setup, StepStatus.NEEDS_ATTENTION);
            String message = stuck.steps().get(SetupStep.CHECK_ROLES.ordinal()).message();
            assertTrue(message.contains("holds only Integration User and lacks Integration Administrator"), message);
            assertTrue(message.contains("Power Platform admin center"), message);
            assertTrue(message.contains("crmsync.profiles.it.dataverse.admin-client-id"), message);

            it.emulators.dataverse().seedRole(user, optionsRole); // the administrator assigns it by hand
            setup.retry();
            SetupProgress waiting = awaitStatus(setup, StepStatus.WAITING_FOR_USER);
            assertEquals("MicrosoftDynamicsNavIntegration 1.0.0.0 is installed; the integration user holds Integration "
                    + "Administrator, Integration User", waiting.steps().get(SetupStep.CHECK_ROLES.ordinal()).message());
        }
    }

    @Test
    void aMissingIntegrationSolutionIsImportedFromItsFileAndItsRolesAssigned(@TempDir Path files)
            throws IOException, InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(20, store)) {
            String user = it.emulators.seeded().integrationUserId();
            it.emulators.dataverse().uninstallSolution(SolutionFile.INTEGRATION_SOLUTION);
            assertEquals(Set.of(), rolesHeld(it, user), "uninstalling took the roles along");
            Path zip = Files.write(files.resolve("MicrosoftDynamicsNavIntegration.zip"),
                    SolutionFile.of(SolutionFile.INTEGRATION_SOLUTION, "26.0.0.1"));
            try (CrmSyncWorker ignored = it.worker(TokenService.DEMO_CLIENT_SECRET, SyncOverHttp.withAdministrator(Map.of(
                    "crmsync.profiles.it.dataverse.solution-file", zip.toString())))) {
                SetupProgress waiting = awaitStatus(start(it, false, null, null), StepStatus.WAITING_FOR_USER);

                String step = waiting.steps().get(SetupStep.CHECK_ROLES.ordinal()).message();
                assertTrue(step.startsWith("imported MicrosoftDynamicsNavIntegration 26.0.0.1 from " + zip
                        + "; assigned Integration Administrator and Integration User"), step);
                assertEquals(Set.of("Integration Administrator", "Integration User"), rolesHeld(it, user));
                assertEquals(StepStatus.DONE, waiting.steps().get(SetupStep.DEFAULT_MAPPINGS.ordinal()).status());
            }
        }
    }

    @Test
    void aMissingIntegrationSolutionWithoutItsFileWaitsNamingTheSetting() throws InterruptedException {
        try (SyncOverHttp it = new SyncOverHttp(20, store)) {
            it.emulators.dataverse().uninstallSolution(SolutionFile.INTEGRATION_SOLUTION);
            try (CrmSyncWorker ignored = it.worker(TokenService.DEMO_CLIENT_SECRET, SyncOverHttp.withAdministrator(Map.of()))) {
                SetupProgress stuck = awaitStatus(start(it, false, null, null), StepStatus.NEEDS_ATTENTION);

                String message = stuck.steps().get(SetupStep.CHECK_ROLES.ordinal()).message();
                assertTrue(message.startsWith("Business Central's integration solution MicrosoftDynamicsNavIntegration "
                        + "is not installed in " + it.emulators.dataverseUrl()), message);
                assertTrue(message.contains("crmsync.profiles.it.dataverse.solution-file"), message);
            }
        }
    }

    private static String roleId(SyncOverHttp it, String name) {
        return it.emulators.dataverse().rows("roles").stream().filter(role -> role.path("name").asText().equals(name))
                .findFirst().orElseThrow().path("roleid").asText();
    }

    /** Read from the emulator's association rows, not through the engine. */
    private static Set<String> rolesHeld(SyncOverHttp it, String principal) {
        Map<String, String> names = it.emulators.dataverse().rows("roles").stream().collect(Collectors.toMap(
                role -> role.path("roleid").asText(), role -> role.path("name").asText()));
        return it.emulators.dataverse().rows("systemuserrolescollection").stream()
                .filter(assignment -> assignment.path("principalid").asText().equals(principal))
                .map(assignment -> names.get(assignment.path("roleid").asText()))
                .collect(Collectors.toSet());
    }

    private static SetupWorkflow start(SyncOverHttp it, boolean startFullSync, SalesOrderIntegration salesOrders,
                                       OwnershipModel ownership) {
        SetupWorkflow setup = it.env.getWorkflowClient().newWorkflowStub(SetupWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId("setup/" + SyncOverHttp.PROFILE).setTaskQueue("crmsync").build());
        WorkflowClient.start(setup::run, new SetupRequest(SyncOverHttp.PROFILE, false, startFullSync,
                salesOrders, ownership, null));
        return setup;
    }

    private static SetupProgress awaitStatus(SetupWorkflow setup, StepStatus wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            SetupProgress progress = setup.progress();
            if (progress != null && progress.status() == wanted) {
                return progress;
            }
            assertTrue(Instant.now().isBefore(deadline), "setup never reached " + wanted + ": " + progress);
            Thread.sleep(100);
        }
    }

    /** Computed from the emulators' rows, independently of the engine: codes of salespeople no active user shares an e-mail with. */
    private static Set<String> salespeopleWithoutAUserOfTheirEmail(SyncOverHttp it) {
        Set<String> userEmails = it.emulators.dataverse().rows("systemusers").stream()
                .filter(user -> !user.path("isdisabled").asBoolean() && user.path("islicensed").asBoolean()
                        && !user.path("isintegrationuser").asBoolean())
                .map(user -> user.path("internalemailaddress").asText().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return it.emulators.bc().rows(DemoCompany.COMPANY_ID, "salespeoplePurchasers").stream()
                .filter(salesperson -> !userEmails.contains(salesperson.path("email").asText().toLowerCase(Locale.ROOT)))
                .map(salesperson -> salesperson.path("code").asText())
                .collect(Collectors.toSet());
    }
}
