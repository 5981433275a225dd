package org.crmsync.workflows.setup;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.CouplingActivities;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.SyncRetries;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

public class SetupWorkflowImpl implements SetupWorkflow {

    static final String SALESPEOPLE = "SALESPEOPLE";

    /** A setup step is quick; three attempts tell a dead endpoint from a blip without keeping the user waiting. */
    private static final ActivityOptions STEP = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(10))
            .setHeartbeatTimeout(Duration.ofMinutes(1))
            .setRetryOptions(SyncRetries.options().toBuilder().setMaximumAttempts(3).build())
            .build();

    private final SetupActivities setup = Workflow.newActivityStub(SetupActivities.class, STEP);
    private final CouplingActivities coupling = Workflow.newActivityStub(CouplingActivities.class, STEP);

    private final Map<SetupStep, StepView> steps = new LinkedHashMap<>();
    private String profile;
    private SalespersonMatch salespeople = new SalespersonMatch(0, List.of(), List.of());
    private boolean retryRequested;
    private StepStatus published;

    @Override
    public SetupProgress run(SetupRequest request) {
        profile = request.profile();
        Workflow.upsertTypedSearchAttributes(CrmSyncSearchAttributes.PROFILE.valueSet(profile));
        for (SetupStep step : SetupStep.values()) {
            steps.put(step, new StepView(step, StepStatus.PENDING, ""));
        }
        SetupStepRequest input = new SetupStepRequest(profile, request.resetMappings(),
                Workflow.randomUUID().toString(), request.salesOrders(), request.ownership(),
                request.itemAvailability());
        runStep(SetupStep.CHECK_CONNECTION, () -> setup.checkConnection(input));
        runStep(SetupStep.CHECK_ROLES, () -> setup.checkIntegrationRoles(input));
        runStep(SetupStep.DEFAULT_MAPPINGS, () -> setup.writeDefaultMappings(input));
        runStep(SetupStep.COUPLE_SALESPEOPLE, () -> coupleSalespeople(input));
        if (request.startFullSync()) {
            runStep(SetupStep.FULL_SYNC, this::startFullSync);
        } else {
            mark(SetupStep.FULL_SYNC, StepStatus.SKIPPED, "not asked for: crmsync sync full starts it");
        }
        return progress();
    }

    @Override
    public SetupProgress progress() {
        return new SetupProgress(profile, overall(), List.copyOf(steps.values()), salespeople);
    }

    @Override
    public void validateCoupleSalespersons(SalespersonPairing pairing) {
        if (steps.get(SetupStep.COUPLE_SALESPEOPLE).status() != StepStatus.WAITING_FOR_USER) {
            throw new IllegalStateException("no salespeople wait to be paired: the step is "
                    + steps.get(SetupStep.COUPLE_SALESPEOPLE).status());
        }
        List<String> used = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairing.pairs().entrySet()) {
            unmatched(pair.getKey());
            SalespersonMatch.CrmUser user = freeUser(pair.getValue());
            if (used.contains(user.id())) {
                throw new IllegalArgumentException("CRM user " + pair.getValue() + " is paired with two salespeople");
            }
            used.add(user.id());
            if (named(pairing.skip(), pair.getKey())) {
                throw new IllegalArgumentException(pair.getKey() + " is both paired and skipped");
            }
        }
        pairing.skip().forEach(this::unmatched);
        if (pairing.pairs().isEmpty() && pairing.skip().isEmpty()) {
            throw new IllegalArgumentException("name salespeople to pair (CODE=user e-mail) or to skip");
        }
    }

    @Override
    public SetupProgress coupleSalespersons(SalespersonPairing pairing) {
        for (Map.Entry<String, String> pair : pairing.pairs().entrySet()) {
            SalespersonMatch.Salesperson salesperson = unmatched(pair.getKey());
            SalespersonMatch.CrmUser user = freeUser(pair.getValue());
            // The user's name and e-mail go to the salesperson, as the SALESPEOPLE mapping runs from Dataverse.
            coupling.couple(new CoupleRequest(profile, SALESPEOPLE, salesperson.id(), user.id(),
                    Direction.FROM_INTEGRATION_TABLE, Workflow.randomUUID().toString()));
            // kept per pair, so a pair that fails leaves those before it coupled and shown so
            salespeople = new SalespersonMatch(salespeople.coupled() + 1, without(salespeople.unmatched(), salesperson),
                    without(salespeople.freeUsers(), user));
        }
        salespeople = new SalespersonMatch(salespeople.coupled(), salespeople.unmatched().stream()
                .filter(salesperson -> !named(pairing.skip(), salesperson.code())).toList(), salespeople.freeUsers());
        publish();
        return progress();
    }

    private static boolean named(List<String> codes, String code) {
        return codes.stream().anyMatch(code::equalsIgnoreCase);
    }

    private static <T> List<T> without(List<T> list, T item) {
        List<T> rest = new ArrayList<>(list);
        rest.remove(item);
        return rest;
    }

    @Override
    public void validateRetry() {
        if (overall() != StepStatus.NEEDS_ATTENTION) {
            throw new IllegalStateException("nothing to retry: setup is " + overall());
        }
    }

    @Override
    public SetupProgress retry() {
        retryRequested = true;
        return progress();
    }

    /** Runs a step until it succeeds; a failure shows on the step and waits for a retry. */
    private void runStep(SetupStep step, Supplier<String> body) {
        while (true) {
            mark(step, StepStatus.RUNNING, "");
            try {
                mark(step, StepStatus.DONE, body.get());
                return;
            } catch (ActivityFailure | ChildWorkflowFailure failure) {
                mark(step, StepStatus.NEEDS_ATTENTION, FailureReason.of(failure) + " — fix it, then: crmsync setup retry");
                Workflow.await(() -> retryRequested);
                retryRequested = false;
            }
        }
    }

    private String coupleSalespeople(SetupStepRequest input) {
        salespeople = setup.matchSalespeople(input);
        if (!salespeople.unmatched().isEmpty()) {
            int unmatched = salespeople.unmatched().size();
            mark(SetupStep.COUPLE_SALESPEOPLE, StepStatus.WAITING_FOR_USER, unmatched + (unmatched == 1
                    ? " salesperson has" : " salespeople have") + " no CRM user with their e-mail: pair or skip "
                    + "them with crmsync setup couple-salespersons");
            Workflow.await(() -> salespeople.unmatched().isEmpty());
        }
        return salespeople.teamOwned() ? "none to couple: with the Team ownership model rows belong to the "
                + "integration's team" : salespeople.coupled() + " salespeople coupled";
    }

    private String startFullSync() {
        String id = WorkflowIds.fullSync(profile);
        FullSyncWorkflow fullSync = Workflow.newChildWorkflowStub(FullSyncWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id)
                // the full sync outlives the guide: it may run for hours and wait for a resume
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setStaticSummary("Full sync of profile " + profile + ", started by its setup guide")
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(CrmSyncSearchAttributes.PROFILE, profile).build())
                .build());
        Async.function(fullSync::run, SyncRequest.of(profile));
        Workflow.getWorkflowExecution(fullSync).get();
        return "started " + id + ": crmsync status --profile " + profile + " --watch";
    }

    private SalespersonMatch.Salesperson unmatched(String code) {
        return salespeople.unmatched().stream().filter(s -> s.code().equalsIgnoreCase(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no unmatched salesperson " + code + "; unmatched: "
                        + String.join(", ", salespeople.unmatched().stream().map(SalespersonMatch.Salesperson::code)
                        .toList())));
    }

    private SalespersonMatch.CrmUser freeUser(String emailOrId) {
        return salespeople.freeUsers().stream()
                .filter(user -> user.id().equalsIgnoreCase(emailOrId) || emailOrId.equalsIgnoreCase(user.email()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no CRM user " + emailOrId
                        + " free to pair (coupled users cannot be paired twice)"));
    }

    private void mark(SetupStep step, StepStatus status, String message) {
        steps.put(step, new StepView(step, status, message));
        publish();
    }

    private StepStatus overall() {
        for (StepView view : steps.values()) {
            if (view.status() == StepStatus.NEEDS_ATTENTION || view.status() == StepStatus.WAITING_FOR_USER) {
                return view.status();
            }
        }
        return steps.values().stream().allMatch(v -> v.status() == StepStatus.DONE || v.status() == StepStatus.SKIPPED)
                ? StepStatus.DONE : StepStatus.RUNNING;
    }

    private void publish() {
        StringBuilder md = new StringBuilder("### Setup of `").append(profile).append("`: ").append(overall())
                .append("\n\n| Step | Status | Note |\n|---|---|---|\n");
        for (StepView view : steps.values()) {
            md.append("| ").append(view.step().label()).append(" | ").append(view.status()).append(" | ")
                    .append(view.message().replace('|', '/')).append(" |\n");
        }
        for (SalespersonMatch.Salesperson salesperson : salespeople.unmatched()) {
            md.append("\nUnmatched: ").append(salesperson.code()).append(" ").append(salesperson.name())
                    .append(" <").append(salesperson.email()).append(">");
        }
        Workflow.setCurrentDetails(md.toString());
        if (overall() != published) {
            published = overall();
            Workflow.upsertTypedSearchAttributes(CrmSyncSearchAttributes.STATUS.valueSet(published.name()));
        }
    }
}
