package org.crmsync.starter;

import picocli.CommandLine.Command;

/** {@code crmsync sync}: start, watch, resume and cancel a profile's full synchronization. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Starts, watches, resumes or cancels a profile's full synchronization.",
        subcommands = {FullSyncCommand.class, StatusCommand.class, ResumeCommand.class, CancelCommand.class})
public class SyncCommand extends CommandGroup {
}
