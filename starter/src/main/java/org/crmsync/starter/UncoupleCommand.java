package org.crmsync.starter;

import java.util.concurrent.Callable;
import org.crmsync.workflows.records.RecordToolsRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crmsync uncouple}: removes a BC record's coupling; both records stay as they are. */
@Command(name = "uncouple", mixinStandardHelpOptions = true,
        description = "Removes the coupling of a Business Central record; neither record is changed or deleted.")
public class UncoupleCommand implements Callable<Integer> {

    @Mixin
    ProfileOption profile;

    @Parameters(index = "0", paramLabel = "MAPPING", description = "the integration table mapping, such as CUSTOMER")
    String mapping;

    @Option(names = "--bc", required = true, paramLabel = "ID", description = "the BC record's id (SystemId)")
    String bcId;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        return RecordTools.run(temporal, RecordToolsRequest.uncouple(profile.name(), mapping, bcId), "not uncoupled: ",
                result -> {
                    System.out.println(result.released() == 0 ? mapping + " " + bcId + " was not coupled."
                            : "Uncoupled " + mapping + " " + bcId + ".");
                    return 0;
                });
    }
}
