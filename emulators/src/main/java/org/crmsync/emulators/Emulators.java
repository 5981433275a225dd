package org.crmsync.emulators;

import java.time.Clock;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.bc.BusinessCentralEmulator;
import org.crmsync.emulators.dataverse.DataverseEmulator;
import org.crmsync.emulators.http.EmulatorServer;
import org.crmsync.emulators.seed.DemoCompany;

/** Both emulators, seeded with the demo company and serving on their own ports. */
public final class Emulators implements AutoCloseable {

    /** A client signing in as the Dataverse administrator: what a setup uses to create columns and assign roles. */
    public static final String ADMIN_CLIENT_ID = "crmsync-admin";
    public static final String ADMIN_CLIENT_SECRET = "crmsync-admin-secret";

    private final BusinessCentralEmulator bc;
    private final DataverseEmulator dataverse;
    private final DemoCompany.Summary seeded;
    private final EmulatorServer bcServer;
    private final EmulatorServer dataverseServer;

    /** @param bcPort 0 for a free port; likewise {@code dataversePort} */
    public static Emulators start(int scale, long seed, int bcPort, int dataversePort) {
        return start(new DemoCompany.Options(scale, seed, 0), bcPort, dataversePort);
    }

    public static Emulators start(DemoCompany.Options options, int bcPort, int dataversePort) {
        Clock clock = Clock.systemUTC();
        BusinessCentralEmulator bc = new BusinessCentralEmulator(new TokenService(clock), clock,
                DemoCompany.TENANT, DemoCompany.ENVIRONMENT);
        DataverseEmulator dataverse = new DataverseEmulator(new TokenService(clock), clock);
        DemoCompany.Summary seeded = DemoCompany.seed(bc, dataverse, options);
        dataverse.registerApplicationUser(TokenService.DEMO_CLIENT_ID, seeded.integrationUserId());
        dataverse.tokens().registerClient(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET);
        dataverse.registerApplicationUser(ADMIN_CLIENT_ID, seeded.adminUserId());
        return new Emulators(bc, dataverse, seeded, bcPort, dataversePort);
    }

    private Emulators(BusinessCentralEmulator bc, DataverseEmulator dataverse, DemoCompany.Summary seeded,
                      int bcPort, int dataversePort) {
        this.bc = bc;
        this.dataverse = dataverse;
        this.seeded = seeded;
        this.bcServer = EmulatorServer.start("bc-emulator", bc, bcPort);
        bc.setBaseUrl(bcServer.url());
        this.dataverseServer = EmulatorServer.start("dataverse-emulator", dataverse, dataversePort);
        dataverse.setBaseUrl(dataverseServer.url());
    }

    public BusinessCentralEmulator bc() {
        return bc;
    }

    public DataverseEmulator dataverse() {
        return dataverse;
    }

    public DemoCompany.Summary seeded() {
        return seeded;
    }

    /** Root URL of the Business Central emulator; the API lives under {@code /v2.0/<tenant>/<environment>/api/v2.0/}. */
    public String bcUrl() {
        return bcServer.url();
    }

    /** Root URL of the Dataverse emulator; the API lives under {@code /api/data/v9.2/}. */
    public String dataverseUrl() {
        return dataverseServer.url();
    }

    @Override
    public void close() {
        bcServer.close();
        dataverseServer.close();
    }
}
