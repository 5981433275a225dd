package org.crmsync.emulators.service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Injects the configured {@link FaultSettings} into requests and counts what it injected. */
public final class Faults {

    /** What happens to one request. */
    public enum Outcome { PROCEED, SERVER_ERROR, THROTTLE, DROP }

    private final Clock clock;
    private volatile FaultSettings settings = FaultSettings.NONE;
    private volatile Instant stormEnds = Instant.MIN;
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong lostWrites = new AtomicLong();

    public Faults(Clock clock) {
        this.clock = clock;
    }

    public FaultSettings settings() {
        return settings;
    }

    public void configure(FaultSettings settings) {
        this.settings = settings;
        this.stormEnds = clock.instant().plusSeconds(settings.stormSeconds());
    }

    /** Sleeps for the configured latency and stalls, then decides the request's fate. */
    public Outcome inject() {
        FaultSettings now = settings;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long delay = now.latencyMs() + (now.jitterMs() > 0 ? random.nextLong(now.jitterMs() + 1) : 0);
        if (now.slowRate() > 0 && random.nextDouble() < now.slowRate()) {
            delay += now.slowMs();
        }
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (now.dropRate() > 0 && random.nextDouble() < now.dropRate()) {
            dropped.incrementAndGet();
            return Outcome.DROP;
        }
        if (clock.instant().isBefore(stormEnds) || (now.throttleRate() > 0 && random.nextDouble() < now.throttleRate())) {
            throttled.incrementAndGet();
            return Outcome.THROTTLE;
        }
        if (now.errorRate() > 0 && random.nextDouble() < now.errorRate()) {
            serverErrors.incrementAndGet();
            return Outcome.SERVER_ERROR;
        }
        return Outcome.PROCEED;
    }

    /** Whether a successful read's answer is to be cut off; decided after the request was served. */
    public boolean malformsAnswer() {
        return happens(settings.malformedRate(), malformed);
    }

    /** Whether a write to {@code path} that was carried out is to go unanswered; decided after it was served. */
    public boolean losesWrite(String path) {
        FaultSettings now = settings;
        return now.losesWritesTo(path) && happens(now.lostWriteRate(), lostWrites);
    }

    /** Draws whether a fault of this {@code rate} happens to a request, counting it if it does. */
    private static boolean happens(double rate, AtomicLong count) {
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
            count.incrementAndGet();
            return true;
        }
        return false;
    }

    public long lostWrites() {
        return lostWrites.get();
    }

    public long malformed() {
        return malformed.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    public long throttled() {
        return throttled.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
