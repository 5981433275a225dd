package org.crmsync.launcher;

import java.util.Map;
import java.util.concurrent.Callable;
import org.crmsync.worker.WorkerApplication;
import org.crmsync.worker.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crmsync worker}: a worker process as an operator runs it, configured by application.yml and the environment. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Runs a worker: reads application.yml and the environment (TEMPORAL_ADDRESS, CRMSYNC_DB_URL, "
                + "crmsync.profiles.<name>.*, the client secrets), and polls the task queue until stopped.")
public class WorkerCommand implements Callable<Integer> {

    @Option(names = "--insecure", description = "let every profile use plain http to hosts other than this machine; "
            + "secrets and customer data then cross the network unencrypted, so only for a test system")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        WorkerApplication.run(insecure ? Map.of(WorkerSettings.INSECURE, true) : Map.of());
        return 0;
    }
}
