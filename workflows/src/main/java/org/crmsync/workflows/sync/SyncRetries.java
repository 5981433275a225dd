package org.crmsync.workflows.sync;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How the sync activities are retried: with back-off up to a minute, ten attempts, and never for
 * problems a person must fix (a credential, a configuration, a service that keeps answering garbage).
 */
public final class SyncRetries {

    private SyncRetries() {
    }

    public static RetryOptions options() {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(10)
                .setDoNotRetry(SyncActivities.AUTHENTICATION_FAILURE, SyncActivities.CONFIGURATION_FAILURE,
                        SyncActivities.COUPLING_REFUSED, SyncActivities.MALFORMED_RESPONSE)
                .build();
    }
}
