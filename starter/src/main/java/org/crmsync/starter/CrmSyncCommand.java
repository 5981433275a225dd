package org.crmsync.starter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code crmsync}: the root of the command line. */
@Command(name = "crmsync", mixinStandardHelpOptions = true, version = "crmsync 0.1.0",
        description = "Keeps Dynamics 365 Business Central and Dataverse in sync, as durable Temporal workflows.",
        subcommands = {SyncCommand.class, StatusCommand.class, ScheduleCommand.class, ErrorsCommand.class,
                CoupleCommand.class, UncoupleCommand.class, TemporalCommand.class})
public class CrmSyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, for example: crmsync demo");
    }
}
