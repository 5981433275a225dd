package org.crmsync.starter;

import java.util.concurrent.Callable;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.records.RecordToolsRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crmsync couple}: couples a BC record with a Dataverse row by hand and synchronizes the pair, or,
 * with {@code --match}, every uncoupled record with the row its match fields agree with.
 */
@Command(name = "couple", mixinStandardHelpOptions = true,
        description = {"Couples a Business Central record with a Dataverse row and synchronizes the pair at once,",
                "or with --match every uncoupled record of the mapping with the row its match fields agree with."})
public class CoupleCommand implements Callable<Integer> {

    /** Whose values a pair takes. */
    enum Side { bc, crm }

    @Mixin
    ProfileOption profile;

    @Parameters(index = "0", paramLabel = "MAPPING", description = "the integration table mapping, such as CUSTOMER")
    String mapping;

    @Option(names = "--bc", paramLabel = "ID", description = "the BC record's id (SystemId)")
    String bcId;

    @Option(names = "--crm", paramLabel = "ID", description = "the Dataverse row's id")
    String crmId;

    @Option(names = "--match", description = "match-based coupling of every uncoupled record, by the mapping's "
            + "match fields (CUSTOMER: number = account number)")
    boolean match;

    @Option(names = "--create", description = "with --match: insert the records no match was found for")
    boolean create;

    @Spec
    CommandSpec spec;

    @Option(names = "--take", defaultValue = "bc",
            description = "whose values the pair takes: bc or crm (default: ${DEFAULT-VALUE})")
    Side take;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        if (match ? bcId != null || crmId != null : bcId == null || crmId == null || create) {
            throw new ParameterException(spec.commandLine(), "give either --bc ID --crm ID, or --match [--create]");
        }
        if (match) {
            return coupleByMatch();
        }
        Direction winner = take == Side.bc ? Direction.TO_INTEGRATION_TABLE : Direction.FROM_INTEGRATION_TABLE;
        return RecordTools.run(temporal, RecordToolsRequest.couple(profile.name(), mapping, bcId, crmId, winner),
                "not coupled: ", result -> {
                    System.out.println("Coupled " + mapping + " " + bcId + " with " + crmId + "; "
                            + (result.counters().failed() > 0 ? "synchronizing it failed: see crmsync errors --mapping " + mapping
                            : "synchronized, " + (take == Side.bc ? "Business Central's" : "Dataverse's") + " values kept"));
                    return result.counters().failed() > 0 ? 1 : 0;
                });
    }

    private int coupleByMatch() {
        return RecordTools.run(temporal, RecordToolsRequest.coupleByMatch(profile.name(), mapping, create),
                "not coupled: ", result -> {
                    System.out.printf(java.util.Locale.ROOT, "%s: coupled %d by match, inserted %d, left %d uncoupled, "
                                    + "%d already coupled (%d of them updated), failed %d%n", mapping, result.counters().coupled(),
                            result.counters().inserted(), result.counters().skipped(),
                            result.counters().unchanged() + result.counters().modified(), result.counters().modified(),
                            result.counters().failed());
                    return result.counters().failed() > 0 ? 1 : 0;
                });
    }
}
