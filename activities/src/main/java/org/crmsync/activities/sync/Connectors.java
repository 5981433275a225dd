package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crmsync.activities.bc.BusinessCentralClient;
import org.crmsync.activities.dataverse.DataverseClient;
import org.crmsync.activities.http.RequestRejected;
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

    /**
     * Updates a BC record, with the ETag it was read with. An update sent again after its answer was lost is
     * refused as changed meanwhile (409 {@code Request_EntityChanged}, or 412) by its own first sending; when the
     * record then holds every value sent, that sending did happen, and the record is returned as BC has it rather
     * than failed.
     */
    ObjectNode updateInBusinessCentral(String entitySet, String id, ObjectNode changes, String etag) {
        try {
            return bc.update(entitySet, id, changes, etag);
        } catch (RequestRejected refused) {
            if (!refused.resent() || refused.status() != 409 && refused.status() != 412) {
                throw refused;
            }
            List<ObjectNode> current = bc.readAll(entitySet, "id eq " + id);
            if (current.isEmpty() || !FieldTransfer.holdsEvery(current.get(0), changes)) {
                throw refused;
            }
            return current.get(0);
        }
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
