package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.AuthenticationFailure;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.MappingOptions;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.profile.ConnectionProfile;
import org.crmsync.activities.profile.DataverseConnection;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SalespersonMatch;
import org.crmsync.workflows.setup.SetupActivities;
import org.crmsync.workflows.setup.SetupStepRequest;
import org.crmsync.workflows.sync.SyncChunkRequest;

/** The setup guide's steps, over the same connectors and store as the sync activities. */
public final class SetupActivitiesImpl implements SetupActivities {

    /**
     * The roles BC's setup gives the integration user: Integration User to read and write the data, Integration
     * Administrator to add the choice options the option mappings write. System Administrator stands for both.
     */
    private static final List<String> INTEGRATION_ROLES = List.of("Integration Administrator", "Integration User");
    private static final String SYSTEM_ADMINISTRATOR = "System Administrator";
    /** Business Central's integration solution, which brings the integration roles (bc-integration.md §8). */
    private static final String INTEGRATION_SOLUTION = "MicrosoftDynamicsNavIntegration";

    private final SyncActivitiesImpl sync;
    private final IntegrationStore store;

    public SetupActivitiesImpl(SyncActivitiesImpl sync, IntegrationStore store) {
        this.sync = sync;
        this.store = store;
    }

    @Override
    public String checkConnection(SetupStepRequest request) {
        return SyncActivitiesImpl.failingAsTemporal(() -> {
            Connectors clients = sync.connectorsOf(request.profile());
            ConnectionProfile profile = clients.profile();
            long salespeople = clients.bc().count("salespeoplePurchasers", null);
            String user = clients.dataverse().whoAmI();
            return "Business Central company " + profile.businessCentral().companyId() + " (" + salespeople
                    + " salespeople); Dataverse " + profile.dataverse().url() + " as user " + user;
        });
    }

    /**
     * Checks that Business Central's integration solution is installed, importing the profile's solution file
     * where it is not, then the integration user's roles, giving it those it lacks, and in the Team ownership model
     * the default team's; all with the profile's administrator credential when it has one, as BC's setup does
     * (ImportCRMSolution). Without one, says what to import or assign where.
     */
    @Override
    public String checkIntegrationRoles(SetupStepRequest request) {
        return SyncActivitiesImpl.failingAsTemporal(() -> {
            Connectors clients = sync.connectorsOf(request.profile());
            String user = clients.dataverse().whoAmI();
            DataverseConnection administrator = clients.profile().dataverseAdministrator();
            try (DataverseClient admin = administrator == null ? null
                    : DataverseClient.administrator(request.profile(), administrator)) {
                String solution = integrationSolution(request.profile(), clients.profile(),
                        admin == null ? clients.dataverse() : admin, admin);
                Set<String> held = admin == null ? rolesVisibleTo(clients.dataverse(), userRoles(user))
                        : rolesOf(admin, userRoles(user));
                List<String> missing = missingRoles(held);
                if (missing.isEmpty()) {
                    return (solution == null ? "" : solution + "; ") + "the integration user holds "
                            + String.join(", ", held) + teamRoles(request, clients.dataverse(), admin);
                }
                String lacking = lacking(request.profile(), user, held, missing);
                if (admin == null) {
                    throw new ConfigurationFailure(lacking + (solution == null ? " (roles that come with Business "
                            + "Central's integration solution " + INTEGRATION_SOLUTION + ": import it first where the "
                            + "environment lacks it)" : "") + ": assign them to the application user in the Power "
                            + "Platform admin center (Environment > Settings > Users > Application users), or "
                            + administratorFor(request.profile(), "assign them"));
                }
                assign(admin, clients.dataverse().businessUnit(), missing, lacking,
                        role -> admin.assignRole(user, role));
                return solution + "; assigned " + String.join(" and ", missing) + " with the administrator's credential; "
                        + "the integration user holds " + String.join(", ", rolesOf(admin, userRoles(user)))
                        + teamRoles(request, clients.dataverse(), admin);
            }
        });
    }

    /**
     * Whether the integration solution is installed, and imported if not. {@code reader} reads solutions; null
     * when it may not (an integration user without roles), and the role check says what lacks.
     */
    private static String integrationSolution(String profile, ConnectionProfile settings, DataverseClient reader,
                                              DataverseClient admin) {
        Optional<String> installed;
        try {
            installed = reader.solutionVersion(INTEGRATION_SOLUTION);
        } catch (AuthenticationFailure mayNotRead) {
            return null;
        }
        if (installed.isPresent()) {
            return INTEGRATION_SOLUTION + " " + installed.get() + " is installed";
        }
        String missing = "Business Central's integration solution " + INTEGRATION_SOLUTION + " is not installed in "
                + settings.dataverse().url() + " (it brings the Integration Administrator and Integration User roles)";
        Path file = settings.integrationSolution();
        String setting = "crmsync.profiles." + profile + ".dataverse.solution-file";
        if (admin == null || file == null) {
            throw new ConfigurationFailure(missing + ": import it (BC's Dynamics 365 Sales connection setup does, or "
                    + "Power Apps > Solutions > Import), or give the profile its file and an administrator's credential "
                    + "(" + setting + ", crmsync.profiles." + profile + ".dataverse.admin-client-id and "
                    + "CRMSYNC_DATAVERSE_ADMIN_CLIENT_SECRET) for the guide to import it");
        }
        try {
            admin.importSolution(Files.readAllBytes(file));
        } catch (IOException unreadable) {
            throw new ConfigurationFailure(missing + ", and its file " + file + " cannot be read (" + unreadable
                    + "): check " + setting);
        } catch (RequestRejected | AuthenticationFailure refused) {
            throw new ConfigurationFailure(missing + ", and Dataverse refused to import " + file + " ("
                    + refused.getMessage() + "): " + setting + " must be the solution's zip, and the administrator's "
                    + "application user needs System Administrator");
        }
        return "imported " + INTEGRATION_SOLUTION + " " + admin.solutionVersion(INTEGRATION_SOLUTION).orElse("")
                + " from " + file;
    }

    /**
     * In the Team ownership model the rows crmsync creates belong to the default team of the integration user's
     * business unit, and a team may own rows only while it holds a role: it needs the integration roles too, as BC
     * gives them to its owning team (ImportCRMSolution).
     */
    private String teamRoles(SetupStepRequest request, DataverseClient integration, DataverseClient admin) {
        if (ownership(request) != OwnershipModel.TEAM) {
            return "";
        }
        String profile = request.profile();
        String team = integration.defaultTeam();
        String association = "teams(" + team + ")/teamroles_association";
        Set<String> held = rolesOf(admin == null ? integration : admin, association);
        List<String> missing = missingRoles(held);
        if (missing.isEmpty()) {
            return "; its default team " + team + ", which owns the rows crmsync creates, holds " + String.join(", ", held);
        }
        String lacking = "in the Team ownership model the rows crmsync creates belong to the default team " + team
                + " of the integration user's business unit, which lacks " + String.join(" and ", missing)
                + " (a team without a role cannot own rows)";
        if (admin == null) {
            throw new ConfigurationFailure(lacking + ": assign them to the team in the Power Platform admin center "
                    + "(Environment > Settings > Teams), or " + administratorFor(profile, "assign them"));
        }
        assign(admin, integration.businessUnit(), missing, lacking, role -> admin.assignTeamRole(team, role));
        return "; assigned " + String.join(" and ", missing) + " to its default team " + team
                + ", which owns the rows crmsync creates";
    }

    /** The second way out of a step that waits: the setting that lets the guide {@code act} itself. */
    private static String administratorFor(String profile, String act) {
        return "give the profile an administrator's credential (crmsync.profiles." + profile
                + ".dataverse.admin-client-id and CRMSYNC_DATAVERSE_ADMIN_CLIENT_SECRET) for the guide to " + act;
    }

    /** The ownership model the guide sets up: the one asked for, or the profile's. */
    private OwnershipModel ownership(SetupStepRequest request) {
        return request.ownership() != null ? request.ownership()
                : MappingOptions.of(store.mappings(request.profile())).ownership();
    }

    private static String userRoles(String user) {
        return "systemusers(" + user + ")/systemuserroles_association";
    }

    /** The names of the roles of a user's or team's role association. */
    private static Set<String> rolesOf(DataverseClient dataverse, String association) {
        return dataverse.readAll(association, null, "name").stream()
                .map(role -> role.path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A user without any role may not read its own roles (403, prvReadRole): it holds none that counts. */
    private static Set<String> rolesVisibleTo(DataverseClient dataverse, String association) {
        try {
            return rolesOf(dataverse, association);
        } catch (AuthenticationFailure noReadRole) {
            return Set.of();
        }
    }

    private static String lacking(String profile, String user, Set<String> held, List<String> missing) {
        return "the integration user " + user + " of profile " + profile + " holds "
                + (held.isEmpty() ? "no role" : "only " + String.join(", ", held)) + " and lacks "
                + String.join(" and ", missing);
    }

    private static List<String> missingRoles(Set<String> held) {
        return held.contains(SYSTEM_ADMINISTRATOR) ? List.of()
                : INTEGRATION_ROLES.stream().filter(role -> !held.contains(role)).toList();
    }

    /** Roles are copied into every business unit: the principal's own unit's copy is the one {@code give} gets. */
    private static void assign(DataverseClient admin, String businessUnit, List<String> roles, String lacking,
                               Consumer<String> give) {
        try {
            for (String name : roles) {
                List<ObjectNode> role = admin.readAll("roles", "name eq '" + name + "' and _businessunitid_value eq "
                        + businessUnit, "roleid");
                if (role.isEmpty()) {
                    throw new ConfigurationFailure(lacking + ", and there is no role " + name + " in its business unit: "
                            + "import Business Central's integration solution into the environment first");
                }
                give.accept(role.get(0).path("roleid").asText());
            }
        } catch (RequestRejected refused) {
            throw new ConfigurationFailure(lacking + ", and the administrator's credential could not assign them ("
                    + refused.getMessage() + "): its application user needs System Administrator");
        }
    }

    /**
     * Writes the default mappings, or keeps the profile's, as the options chosen ask. Another sales order integration
     * re-creates SALESORDER-ORDER, as BC does when the option changes (§8); another ownership model re-creates every
     * mapping, since it decides which mappings there are and which of them carry an owner (§1). Item availability
     * is a job beside the mappings: it only changes what incremental syncs do after ITEM-PRODUCT.
     */
    @Override
    public String writeDefaultMappings(SetupStepRequest request) {
        return SyncActivitiesImpl.failingAsTemporal(() -> {
            String profile = request.profile();
            MappingOptions chosen = new MappingOptions(request.salesOrders(), request.ownership());
            // A profile's first read stores the defaults; one with mappings keeps them unless told otherwise.
            MappingOptions current = MappingOptions.of(store.mappings(profile));
            MappingOptions wanted = chosen.over(current);
            String written;
            if (request.resetMappings() || wanted.ownership() != current.ownership()) {
                store.resetMappings(profile, wanted);
                written = store.mappings(profile).size() + " default mappings written over the profile's own";
            } else {
                if (wanted.salesOrders() != current.salesOrders()) {
                    store.saveMapping(profile, DefaultMappings.salesOrders(wanted));
                }
                written = store.mappings(profile).size() + " mappings in the store";
            }
            if (request.itemAvailability() != null) {
                store.enableItemAvailability(profile, request.itemAvailability());
            }
            return written + "; " + MappingOptions.of(store.mappings(profile)).describe() + "; item availability: "
                    + (store.itemAvailability(profile).enabled() ? "on" : "off");
        });
    }

    /** Couples salespeople by e-mail; in the Team model there are none to couple (§1), and nothing to wait for. */
    @Override
    public SalespersonMatch matchSalespeople(SetupStepRequest request) {
        if (MappingOptions.of(store.mappings(request.profile())).ownership() == OwnershipModel.TEAM) {
            return SalespersonMatch.ofTeamOwnership();
        }
        SyncChunkRequest chunk = new SyncChunkRequest(request.profile(), DefaultMappings.SALESPEOPLE,
                Direction.FROM_INTEGRATION_TABLE, request.jobId(), true, false, false);
        while (!sync.syncChunk(chunk).done()) {
            // each chunk commits its couplings and heartbeats; the loop ends when the users are all read
        }
        return SyncActivitiesImpl.failingAsTemporal(() -> {
            Connectors clients = sync.connectorsOf(request.profile());
            TableMapping mapping = store.mapping(request.profile(), DefaultMappings.SALESPEOPLE);
            Map<String, Coupling> couplings = store.couplings(request.profile(), DefaultMappings.SALESPEOPLE);
            Set<String> coupledUsers = couplings.values().stream().map(Coupling::crmId).collect(Collectors.toSet());
            List<SalespersonMatch.Salesperson> unmatched = clients.bc().readAll(mapping.bc().entitySet(),
                    mapping.bc().filter()).stream()
                    .filter(salesperson -> !couplings.containsKey(salesperson.path("id").asText()))
                    .map(salesperson -> new SalespersonMatch.Salesperson(salesperson.path("id").asText(),
                            salesperson.path("code").asText(), salesperson.path("displayName").asText(),
                            salesperson.path("email").asText()))
                    .toList();
            List<SalespersonMatch.CrmUser> free = clients.dataverse().readAll(mapping.crm().entitySet(),
                    mapping.crm().filter(), "systemuserid,fullname,internalemailaddress").stream()
                    .filter(user -> !coupledUsers.contains(user.path("systemuserid").asText()))
                    .map(SetupActivitiesImpl::crmUser)
                    .toList();
            return new SalespersonMatch(couplings.size(), unmatched, free);
        });
    }

    private static SalespersonMatch.CrmUser crmUser(ObjectNode user) {
        return new SalespersonMatch.CrmUser(user.path("systemuserid").asText(), user.path("fullname").asText(),
                user.path("internalemailaddress").asText());
    }
}
