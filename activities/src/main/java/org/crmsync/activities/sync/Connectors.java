package org.crmsync.activities.sync;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crmsync.activities.bc.BusinessCentralClient;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.profile.ConnectionProfile;

/**
 * The clients of one connection profile, and the threads that send a page's requests at once.
 *
 * @param requests at most {@link #CONCURRENT_REQUESTS} requests of the profile's passes in flight together
 */
public record Connectors(ConnectionProfile profile, BusinessCentralClient bc, DataverseClient dataverse,
                         ExecutorService requests) implements AutoCloseable {

    /** Well under Dataverse's 52 concurrent requests per user (apis.md), with several mappings syncing at once. */
    static final int CONCURRENT_REQUESTS = 8;

    public static Connectors open(ConnectionProfile profile) {
        return new Connectors(profile, new BusinessCentralClient(profile.name(), profile.businessCentral()),
                new DataverseClient(profile.name(), profile.dataverse()),
                Executors.newFixedThreadPool(CONCURRENT_REQUESTS, task -> {
                    Thread thread = new Thread(task, "crmsync-" + profile.name() + "-request");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    /** Sends {@code request} on one of the profile's request threads. */
    <T> Future<T> concurrently(Callable<T> request) {
        return requests.submit(request);
    }

    @Override
    public void close() {
        requests.shutdownNow();
        bc.close();
        dataverse.close();
    }
}
