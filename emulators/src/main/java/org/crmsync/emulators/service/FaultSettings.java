package org.crmsync.emulators.service;

/**
 * What goes wrong on purpose, per request: set at start and changed at run time through
 * {@code PUT /_admin/faults}. Rates are probabilities from 0 to 1; all zero means a healthy service.
 *
 * @param latencyMs         added to every request
 * @param jitterMs          a further random 0..jitterMs
 * @param errorRate         share of requests answered 503 (or 500) before they are processed
 * @param throttleRate      share of requests answered 429 with {@code Retry-After}
 * @param stormSeconds      when set, every request is answered 429 for this many seconds from the moment it is set
 * @param retryAfterSeconds the {@code Retry-After} of injected 429s
 * @param slowRate          share of requests that take {@code slowMs} longer, as when a server stalls
 * @param slowMs            the stall
 * @param dropRate          share of requests whose connection is closed without any response
 * @param malformedRate     share of successful reads (GET) whose JSON answer is cut off halfway, as by a proxy
 *                          that gives up mid-body
 * @param lostWriteRate     share of writes (every method but GET) that are carried out but never answered: the
 *                          connection closes after the change is made, as when a network drops the response
 * @param lostWritesTo      when set, only writes whose path contains this text go unanswered (say
 *                          {@code salesOrderLines}), so that a test can lose one kind of write and no other
 */
public record FaultSettings(long latencyMs, long jitterMs, double errorRate, double throttleRate, long stormSeconds,
                            long retryAfterSeconds, double slowRate, long slowMs, double dropRate,
                            double malformedRate, double lostWriteRate, String lostWritesTo) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, null);

    public FaultSettings {
        requireRate("errorRate", errorRate);
        requireRate("throttleRate", throttleRate);
        requireRate("slowRate", slowRate);
        requireRate("dropRate", dropRate);
        requireRate("malformedRate", malformedRate);
        requireRate("lostWriteRate", lostWriteRate);
        if (latencyMs < 0 || jitterMs < 0 || stormSeconds < 0 || slowMs < 0) {
            throw new IllegalArgumentException("latencyMs, jitterMs, stormSeconds and slowMs must not be negative");
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
        }
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
    }

    public FaultSettings withLatency(long latencyMs, long jitterMs) {
        return new FaultSettings(latencyMs, jitterMs, errorRate, throttleRate, stormSeconds, retryAfterSeconds,
                slowRate, slowMs, dropRate, malformedRate, lostWriteRate, lostWritesTo);
    }

    public FaultSettings withMalformedAnswers(double malformedRate) {
        return new FaultSettings(latencyMs, jitterMs, errorRate, throttleRate, stormSeconds, retryAfterSeconds,
                slowRate, slowMs, dropRate, malformedRate, lostWriteRate, lostWritesTo);
    }

    public FaultSettings withLostWrites(double lostWriteRate) {
        return withLostWrites(lostWriteRate, null);
    }

    /** Loses this share of the writes whose path contains {@code pathPart}, or of every write when it is null. */
    public FaultSettings withLostWrites(double lostWriteRate, String pathPart) {
        return new FaultSettings(latencyMs, jitterMs, errorRate, throttleRate, stormSeconds, retryAfterSeconds,
                slowRate, slowMs, dropRate, malformedRate, lostWriteRate, pathPart);
    }

    /** Whether a write to {@code path} is among those {@link #lostWriteRate} applies to. */
    boolean losesWritesTo(String path) {
        return lostWritesTo == null || path.contains(lostWritesTo);
    }
}
