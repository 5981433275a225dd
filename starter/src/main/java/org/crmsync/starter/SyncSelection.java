package org.crmsync.starter;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which sync a command speaks to: a profile's full sync, or with {@code --incremental} its latest incremental run. */
public class SyncSelection {

    @Mixin
    ProfileOption profile;

    @Option(names = "--incremental", description = "the latest incremental sync instead of the full sync")
    boolean incremental;

    @Mixin
    TemporalOptions temporal;

    /** The selected run, or null after telling the user there is none and how to get one. */
    SyncTarget find(TemporalSession session) {
        SyncTarget target = SyncTarget.latest(session.client(), profile.name(), incremental);
        if (target == null) {
            System.err.println("no " + (incremental ? "incremental" : "full") + " sync of profile " + profile.name()
                    + " on " + session.address() + (incremental ? "; enable its schedule: crmsync schedule enable"
                    : "; start one: crmsync sync full --profile " + profile.name()));
        }
        return target;
    }
}
