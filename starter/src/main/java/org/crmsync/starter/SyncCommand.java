package org.crmsync.starter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code crmsync sync}: start, watch, resume and cancel a profile's full synchronization. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Starts, watches, resumes or cancels a profile's full synchronization.",
        subcommands = {FullSyncCommand.class, StatusCommand.class, ResumeCommand.class, CancelCommand.class})
public class SyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: full, status, resume or cancel");
    }
}
