package org.crmsync.launcher;

import org.crmsync.starter.CrmSyncCommand;
import picocli.CommandLine;

/**
 * The {@code crmsync} executable: the starter's commands, which only talk to Temporal, plus those that
 * run the engine in this process and so need the worker and the emulators.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new CrmSyncCommand()).addSubcommand(new DemoCommand())
                .addSubcommand(new EmulatorsCommand())
                .addSubcommand(new EmulatorBenchmarkCommand())
                .addSubcommand(new SyncBenchmarkCommand())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new WorkerCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // a setting that cannot work is the user's to fix: say which, without a stack trace
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
                        line.getErr().println("crmsync: " + failure.getMessage());
                        return 2;
                    }
                    throw failure;
                });
        System.exit(commandLine.execute(args));
    }
}
