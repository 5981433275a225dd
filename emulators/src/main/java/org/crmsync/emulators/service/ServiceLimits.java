package org.crmsync.emulators.service;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Enforces {@link LimitSettings} per user; each service words the refusal its own way. */
public final class ServiceLimits {

    /** Which limit a refused request ran into. */
    public enum Limit { REQUESTS, EXECUTION_TIME, CONCURRENCY }

    /** A request refused because its user is over a limit; retry after {@code retryAfterSeconds}. */
    public static final class Exceeded extends RuntimeException {
        private final Limit limit;
        private final LimitSettings settings;
        private final long retryAfterSeconds;

        public Exceeded(Limit limit, LimitSettings settings, long retryAfterSeconds) {
            super(limit + " limit exceeded");
            this.limit = limit;
            this.settings = settings;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Limit limit() {
            return limit;
        }

        public LimitSettings settings() {
            return settings;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** A request in progress; closing it records how long it ran. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Usage {
        final Deque<Long> starts = new ArrayDeque<>();
        /** {finishedAtMillis, durationMillis} of requests that completed within the window. */
        final Deque<long[]> executions = new ArrayDeque<>();
        long executionMs;
        int inFlight;
    }

    private final Clock clock;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile LimitSettings settings = LimitSettings.NONE;

    public ServiceLimits(Clock clock) {
        this.clock = clock;
    }

    public LimitSettings settings() {
        return settings;
    }

    public void configure(LimitSettings settings) {
        this.settings = settings;
        usage.clear();
    }

    public long refused() {
        return refused.get();
    }

    /** Admits a request of {@code user} or throws {@link Exceeded}. */
    public Permit enter(String user) {
        LimitSettings limits = settings;
        if (limits.equals(LimitSettings.NONE)) {
            return () -> { };
        }
        Usage mine = usage.computeIfAbsent(user, u -> new Usage());
        long now = clock.millis();
        long windowMs = limits.windowSeconds() * 1000L;
        synchronized (mine) {
            while (!mine.starts.isEmpty() && mine.starts.peekFirst() <= now - windowMs) {
                mine.starts.pollFirst();
            }
            while (!mine.executions.isEmpty() && mine.executions.peekFirst()[0] <= now - windowMs) {
                mine.executionMs -= mine.executions.pollFirst()[1];
            }
            if (limits.concurrentRequests() > 0 && mine.inFlight >= limits.concurrentRequests()) {
                throw refuse(Limit.CONCURRENCY, limits, 1);
            }
            if (limits.requestsPerWindow() > 0 && mine.starts.size() >= limits.requestsPerWindow()) {
                throw refuse(Limit.REQUESTS, limits, secondsUntil(mine.starts.peekFirst() + windowMs, now));
            }
            if (limits.executionMsPerWindow() > 0 && mine.executionMs >= limits.executionMsPerWindow()) {
                throw refuse(Limit.EXECUTION_TIME, limits, secondsUntil(mine.executions.peekFirst()[0] + windowMs, now));
            }
            mine.starts.addLast(now);
            mine.inFlight++;
        }
        return () -> {
            long finished = clock.millis();
            synchronized (mine) {
                mine.inFlight--;
                mine.executions.addLast(new long[] {finished, finished - now});
                mine.executionMs += finished - now;
            }
        };
    }

    private Exceeded refuse(Limit limit, LimitSettings limits, long retryAfter) {
        refused.incrementAndGet();
        return new Exceeded(limit, limits, retryAfter);
    }

    private static long secondsUntil(long atMillis, long now) {
        return Math.max(1, (atMillis - now + 999) / 1000);
    }
}
