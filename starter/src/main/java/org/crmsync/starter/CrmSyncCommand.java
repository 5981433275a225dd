package org.crmsync.starter;

import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** {@code crmsync}: the root of the command line. */
@Command(name = "crmsync", mixinStandardHelpOptions = true, version = "crmsync 0.1.0",
        description = "Keeps Dynamics 365 Business Central and Dataverse in sync, as durable Temporal workflows.",
        subcommands = {SetupCommand.class, SyncCommand.class, StatusCommand.class, ScheduleCommand.class, ErrorsCommand.class,
                CoupleCommand.class, UncoupleCommand.class, TemporalCommand.class, CodecServerCommand.class})
public class CrmSyncCommand extends CommandGroup {

    /**
     * Sets up {@code line}, this command's with whatever subcommands it was given: case-insensitive choices, and a
     * setting that cannot work, or a Temporal server that cannot be reached or lacks crmsync's search attributes,
     * reported as what to fix (exit code 2) rather than as a stack trace.
     */
    public static CommandLine configured(CommandLine line) {
        return line.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((failure, failed, parsed) -> {
                    Optional<String> problem = failure instanceof IllegalArgumentException
                            || failure instanceof IllegalStateException ? Optional.of(failure.getMessage())
                            : TemporalProblem.explain(failure, temporalAddress(parsed));
                    if (problem.isEmpty()) {
                        throw failure;
                    }
                    failed.getErr().println("crmsync: " + problem.get());
                    return 2;
                });
    }

    /** The Temporal server the command line named, at whichever level of commands, or the one it defaults to. */
    private static String temporalAddress(ParseResult parsed) {
        String given = null;
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            given = level.matchedOptionValue("--temporal", given);
        }
        return TemporalOptions.resolve(given);
    }
}
