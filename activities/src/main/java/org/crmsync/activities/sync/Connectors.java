package org.crmsync.activities.sync;

import org.crmsync.activities.bc.BusinessCentralClient;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.profile.ConnectionProfile;

/** The clients of one connection profile. */
public record Connectors(ConnectionProfile profile, BusinessCentralClient bc, DataverseClient dataverse)
        implements AutoCloseable {

    public static Connectors open(ConnectionProfile profile) {
        return new Connectors(profile, new BusinessCentralClient(profile.name(), profile.businessCentral()),
                new DataverseClient(profile.name(), profile.dataverse()));
    }

    @Override
    public void close() {
        bc.close();
        dataverse.close();
    }
}
