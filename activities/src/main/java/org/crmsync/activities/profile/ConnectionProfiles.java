package org.crmsync.activities.profile;

import java.util.Map;
import java.util.TreeMap;
import org.crmsync.activities.http.ConfigurationFailure;

/** The profiles this worker can sync, by name. */
public final class ConnectionProfiles {

    private final Map<String, ConnectionProfile> profiles = new TreeMap<>();

    public ConnectionProfiles(Iterable<ConnectionProfile> profiles) {
        profiles.forEach(profile -> this.profiles.put(profile.name(), profile));
    }

    public ConnectionProfile get(String name) {
        ConnectionProfile profile = profiles.get(name);
        if (profile == null) {
            throw new ConfigurationFailure("this worker has no connection profile '" + name + "'; it knows "
                    + (profiles.isEmpty() ? "none" : String.join(", ", profiles.keySet()))
                    + " (configure crmsync.profiles." + name + ".*)");
        }
        return profile;
    }
}
