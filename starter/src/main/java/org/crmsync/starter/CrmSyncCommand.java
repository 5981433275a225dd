package org.crmsync.starter;

import picocli.CommandLine.Command;

/** {@code crmsync}: the root of the command line. */
@Command(name = "crmsync", mixinStandardHelpOptions = true, version = "crmsync 0.1.0",
        description = "Keeps Dynamics 365 Business Central and Dataverse in sync, as durable Temporal workflows.",
        subcommands = {SetupCommand.class, SyncCommand.class, StatusCommand.class, ScheduleCommand.class, ErrorsCommand.class,
                CoupleCommand.class, UncoupleCommand.class, TemporalCommand.class, CodecServerCommand.class})
public class CrmSyncCommand extends CommandGroup {
}
