package org.crmsync.starter;

import java.util.concurrent.Callable;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.records.RecordToolsRequest;
import org.crmsync.workflows.records.RecordToolsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crmsync couple}: couples a BC record with a Dataverse row by hand and synchronizes the pair. */
@Command(name = "couple", mixinStandardHelpOptions = true,
        description = "Couples a Business Central record with a Dataverse row and synchronizes the pair at once.")
public class CoupleCommand implements Callable<Integer> {

    /** Whose values a pair takes. */
    enum Side { bc, crm }

    @Mixin
    ProfileOption profile;

    @Parameters(index = "0", paramLabel = "MAPPING", description = "the integration table mapping, such as CUSTOMER")
    String mapping;

    @Option(names = "--bc", required = true, paramLabel = "ID", description = "the BC record's id (SystemId)")
    String bcId;

    @Option(names = "--crm", required = true, paramLabel = "ID", description = "the Dataverse row's id")
    String crmId;

    @Option(names = "--take", defaultValue = "bc",
            description = "whose values the pair takes: bc or crm (default: ${DEFAULT-VALUE})")
    Side take;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        Direction winner = take == Side.bc ? Direction.TO_INTEGRATION_TABLE : Direction.FROM_INTEGRATION_TABLE;
        try (TemporalSession session = temporal.connect()) {
            RecordToolsResult result = RecordTools.run(session,
                    RecordToolsRequest.couple(profile.name(), mapping, bcId, crmId, winner));
            System.out.println("Coupled " + mapping + " " + bcId + " with " + crmId + "; "
                    + (result.counters().failed() > 0 ? "synchronizing it failed: see crmsync errors --mapping " + mapping
                    : "synchronized, " + (take == Side.bc ? "Business Central's" : "Dataverse's") + " values kept"));
            return result.counters().failed() > 0 ? 1 : 0;
        } catch (RecordTools.Refused refused) {
            System.err.println("not coupled: " + refused.getMessage());
            return 2;
        }
    }
}
