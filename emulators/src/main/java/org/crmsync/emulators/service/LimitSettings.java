package org.crmsync.emulators.service;

/**
 * Service protection limits per user over a sliding window (apis.md A8, B7). Zero turns a limit off;
 * {@link #NONE} is the default, so that demos and tests run at full speed unless they ask for limits.
 *
 * @param requestsPerWindow  requests a user may start per window
 * @param windowSeconds      length of the sliding window
 * @param concurrentRequests requests a user may have in progress at once
 * @param executionMsPerWindow combined processing time a user may use per window
 */
public record LimitSettings(int requestsPerWindow, int windowSeconds, int concurrentRequests, long executionMsPerWindow) {

    public static final LimitSettings NONE = new LimitSettings(0, 300, 0, 0);
    /** Dataverse's documented defaults: 6000 requests and 1,200 s of execution per 300 s, 52 concurrent. */
    public static final LimitSettings DATAVERSE = new LimitSettings(6000, 300, 52, 1_200_000);
    /** Business Central online: 6000 requests per 5 minutes, 100 connections (processing and queued). */
    public static final LimitSettings BUSINESS_CENTRAL = new LimitSettings(6000, 300, 100, 0);

    public LimitSettings {
        if (requestsPerWindow < 0 || concurrentRequests < 0 || executionMsPerWindow < 0 || windowSeconds < 1) {
            throw new IllegalArgumentException("limits must not be negative and the window must be at least 1 s");
        }
    }
}
