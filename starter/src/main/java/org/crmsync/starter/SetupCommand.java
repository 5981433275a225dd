package org.crmsync.starter;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SalesOrderIntegration;
import org.crmsync.workflows.setup.SalespersonPairing;
import org.crmsync.workflows.setup.SetupRequest;
import org.crmsync.workflows.setup.SetupWorkflow;
import org.crmsync.workflows.setup.StepView;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crmsync setup}: the durable setup guide of a profile, {@code setup/<profile>}. Each subcommand
 * shows the guide's steps until it needs someone (salespeople to pair, a setting to fix) or is done.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Runs a profile's setup guide: start, status, couple-salespersons, retry.")
public class SetupCommand extends CommandGroup {

    @Mixin
    ProfileOption profile;

    @Mixin
    TemporalOptions temporal;

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the guide and follows it until it needs you or is done.")
    int start(@Option(names = "--reset-mappings", description = "write the default mappings over the profile's own")
              boolean resetMappings,
              @Option(names = "--no-full-sync", description = "do not start the full sync at the end")
              boolean noFullSync,
              @Option(names = "--sales-orders", paramLabel = "legacy|bidirectional",
                      description = "sales order integration: BC's released orders to Sales only (legacy), or also "
                              + "orders submitted in Sales into BC (bidirectional); the profile's stays if not given")
              SalesOrderIntegration salesOrders,
              @Option(names = "--ownership", paramLabel = "person|team",
                      description = "who owns the rows crmsync creates in Sales: the user coupled with the record's "
                              + "salesperson (person), or the integration's team, without syncing salespeople (team); "
                              + "changing it writes the default mappings again; the profile's stays if not given")
              OwnershipModel ownership,
              @Option(names = "--item-availability", negatable = true,
                      description = "keep the inventory of coupled items current in Sales: incremental syncs write "
                              + "it for the items BC posted since the last one (--no-item-availability turns it "
                              + "off); the profile's stays if not given")
              Boolean itemAvailability) throws InterruptedException {
        try (TemporalSession session = temporal.connect()) {
            SetupWorkflow setup = session.client().newWorkflowStub(SetupWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(id())
                    .setTaskQueue(WorkflowIds.TASK_QUEUE)
                    .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                    .setStaticSummary("Setup guide of profile " + profile.name())
                    .setTypedSearchAttributes(SearchAttributes.newBuilder()
                            .set(CrmSyncSearchAttributes.PROFILE, profile.name()).build())
                    .build());
            String runId;
            try {
                runId = WorkflowClient.start(setup::run, new SetupRequest(profile.name(), resetMappings, !noFullSync,
                        salesOrders, ownership, itemAvailability))
                        .getRunId();
            } catch (WorkflowExecutionAlreadyStarted open) {
                System.out.println("The setup guide of " + profile.name() + " is open already; following it.");
                runId = open.getExecution().getRunId();
            }
            return SetupView.follow(session.client().newWorkflowStub(SetupWorkflow.class, id(), Optional.of(runId)),
                    List.of());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the guide's steps.")
    int status() {
        return onGuide(setup -> {
            SetupView.print(System.out, setup.progress());
            return 0;
        });
    }

    @Command(name = "couple-salespersons", mixinStandardHelpOptions = true,
            description = "Pairs salespeople that did not match by e-mail with CRM users, or skips them.")
    int coupleSalespersons(@Option(names = "--pair", paramLabel = "CODE=USER",
                                   description = "salesperson code = CRM user e-mail or id (repeatable)")
                           Map<String, String> pairs,
                           @Option(names = "--skip", paramLabel = "CODE", split = ",",
                                   description = "salesperson codes to leave uncoupled")
                           List<String> skip) {
        return onGuide(setup -> {
            List<StepView> before = setup.progress().steps();
            setup.coupleSalespersons(new SalespersonPairing(pairs, skip));
            return SetupView.follow(setup, before);
        });
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Runs the step that needs attention again, after you fixed its cause.")
    int retry() {
        return onGuide(setup -> {
            List<StepView> before = setup.progress().steps();
            setup.retry();
            return SetupView.follow(setup, before);
        });
    }

    private String id() {
        return WorkflowIds.setup(profile.name());
    }

    /** Runs an action on the latest guide, turning refusals into a message and exit code 2. */
    private int onGuide(GuideAction action) {
        try (TemporalSession session = temporal.connect()) {
            return action.apply(session.client().newWorkflowStub(SetupWorkflow.class, id()));
        } catch (WorkflowNotFoundException ended) {
            System.err.println("no open setup guide of profile " + profile.name() + ": crmsync setup start");
            return 2;
        } catch (WorkflowUpdateException refused) {
            System.err.println("refused: " + FailureReason.of(refused));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    @FunctionalInterface
    private interface GuideAction {
        int apply(SetupWorkflow setup) throws InterruptedException;
    }
}
