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
        CommandLine commandLine = CrmSyncCommand.configured(new CommandLine(new CrmSyncCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new EmulatorsCommand())
                .addSubcommand(new EmulatorBenchmarkCommand())
                .addSubcommand(new SyncBenchmarkCommand())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new WorkerCommand()));
        System.exit(commandLine.execute(args));
    }
}
