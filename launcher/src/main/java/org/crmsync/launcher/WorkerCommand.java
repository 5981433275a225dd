package org.crmsync.launcher;

import java.util.HashMap;
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

    @Option(names = "--http-port", description = "serve GET /health and GET /metrics (Prometheus) on this port "
            + "(default: crmsync.worker.http-port, which is off unless set, e.g. by CRMSYNC_WORKER_HTTP_PORT)")
    Integer httpPort;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> overrides = new HashMap<>();
        if (insecure) {
            overrides.put(WorkerSettings.INSECURE, true);
        }
        if (httpPort != null) {
            overrides.put(WorkerSettings.HTTP_PORT, httpPort);
        }
        WorkerApplication.run(overrides);
        return 0;
    }
}
