package org.crmsync.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.emulators.service.FaultSettings;
import org.crmsync.emulators.service.LimitSettings;
import org.crmsync.emulators.service.ServiceEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmsync emulators}: both emulators, seeded, until stopped — for trying the CLI against them, for
 * partners writing their own clients, and for chaos and benchmark runs that steer them through /_admin.
 */
@Command(name = "emulators", mixinStandardHelpOptions = true,
        description = "Runs the Business Central and Dataverse emulators, seeded with a demo company, until stopped.")
public class EmulatorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "2000",
            description = "BC customers, from 10 to 1,000,000; the rest of the company grows in proportion (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the demo data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--overlap", defaultValue = "0",
            description = "share (0 to 1) of customers, contacts and items already present in Dataverse, for match-based coupling (default: ${DEFAULT-VALUE})")
    double overlap;

    @Option(names = "--bc-port", defaultValue = "8481", description = "port of the Business Central emulator, 0 for any free one (default: ${DEFAULT-VALUE})")
    int bcPort;

    @Option(names = "--dataverse-port", defaultValue = "8482", description = "port of the Dataverse emulator, 0 for any free one (default: ${DEFAULT-VALUE})")
    int dataversePort;

    @Option(names = "--service-limits", description = "enforce the documented service protection limits (Dataverse: 6000 requests and 1,200 s per 300 s, 52 concurrent; BC: 6000 per 300 s)")
    boolean serviceLimits;

    @Option(names = "--latency-ms", defaultValue = "0", description = "latency added to every request (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--jitter-ms", defaultValue = "0", description = "further random latency up to this (default: ${DEFAULT-VALUE})")
    long jitterMs;

    @Option(names = "--error-rate", defaultValue = "0", description = "share of requests answered 503 (default: ${DEFAULT-VALUE})")
    double errorRate;

    @Option(names = "--throttle-rate", defaultValue = "0", description = "share of requests answered 429 (default: ${DEFAULT-VALUE})")
    double throttleRate;

    @Option(names = "--drop-rate", defaultValue = "0", description = "share of connections closed without an answer (default: ${DEFAULT-VALUE})")
    double dropRate;

    @Option(names = "--malformed-rate", defaultValue = "0", description = "share of successful reads whose JSON is cut off halfway (default: ${DEFAULT-VALUE})")
    double malformedRate;

    @Option(names = "--lost-write-rate", defaultValue = "0", description = "share of writes carried out but never answered (default: ${DEFAULT-VALUE})")
    double lostWriteRate;

    @Option(names = "--lost-writes-to", description = "lose only writes whose path contains this text, say salesOrderLines (default: every write)")
    String lostWritesTo;

    @Option(names = "--token-lifetime", defaultValue = "3599", description = "seconds a bearer token lives (default: ${DEFAULT-VALUE})")
    long tokenLifetime;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        DemoCompany.Options options;
        FaultSettings faults;
        try {
            options = new DemoCompany.Options(scale, seed, overlap);
            faults = new FaultSettings(latencyMs, jitterMs, errorRate, throttleRate, 0, 1, 0, 0, dropRate, malformedRate,
                    lostWriteRate, lostWritesTo);
            if (tokenLifetime < 1) {
                throw new IllegalArgumentException("--token-lifetime must be at least 1 second");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        out.printf("Seeding the demo company: %,d customers (seed %d, overlap %.0f%%)…%n", scale, seed, overlap * 100);
        long started = System.nanoTime();
        Emulators emulators = Emulators.start(options, bcPort, dataversePort);
        for (ServiceEmulator emulator : new ServiceEmulator[] {emulators.bc(), emulators.dataverse()}) {
            emulator.configureFaults(faults);
            emulator.tokens().setLifetime(Duration.ofSeconds(tokenLifetime));
        }
        if (serviceLimits) {
            emulators.bc().configureLimits(LimitSettings.BUSINESS_CENTRAL);
            emulators.dataverse().configureLimits(LimitSettings.DATAVERSE);
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        out.printf("Ready in %.1f s, heap in use %,d MB%n%n", (System.nanoTime() - started) / 1e9,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        describe(emulators);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulators.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private void describe(Emulators emulators) {
        String bcApi = emulators.bcUrl() + "/v2.0/" + DemoCompany.TENANT + "/" + DemoCompany.ENVIRONMENT + "/api/v2.0/";
        out.println("Business Central API v2.0");
        out.printf("  base URL        %scompanies(%s)/%n", bcApi, DemoCompany.COMPANY_ID);
        out.printf("  custom API      %s/v2.0/%s/%s/api/crmsync/integration/v1.0/companies(%s)/%n", emulators.bcUrl(),
                DemoCompany.TENANT, DemoCompany.ENVIRONMENT, DemoCompany.COMPANY_ID);
        out.printf("  token endpoint  %s/%s/oauth2/v2.0/token%n", emulators.bcUrl(), DemoCompany.TENANT);
        out.println("Dataverse Web API v9.2");
        out.printf("  base URL        %s/api/data/v9.2/%n", emulators.dataverseUrl());
        out.printf("  token endpoint  %s/%s/oauth2/v2.0/token%n", emulators.dataverseUrl(), DemoCompany.TENANT);
        out.println("Credentials (client credentials grant, scope <resource>/.default)");
        out.printf("  integration     client_id=%s client_secret=%s%n", TokenService.DEMO_CLIENT_ID,
                TokenService.DEMO_CLIENT_SECRET);
        out.printf("  Dataverse admin client_id=%s client_secret=%s%n", Emulators.ADMIN_CLIENT_ID,
                Emulators.ADMIN_CLIENT_SECRET);
        out.println("Admin API on both: /_admin/faults, /_admin/limits, /_admin/tokens/expire, /_admin/stats, "
                + "/_admin/reset, /_admin/rows/<set>[/<id>]");
        out.println("Seeded rows");
        for (Map.Entry<String, Integer> count : new TreeMap<>(emulators.seeded().rows()).entrySet()) {
            out.printf("  %-40s %,10d%n", count.getKey(), count.getValue());
        }
        out.println("\nRunning; stop with Ctrl-C.");
    }
}
