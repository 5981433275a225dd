package org.crmsync.activities.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, its failure thrown as if the work had been done on this one. */
final class Futures {

    private Futures() {
    }

    static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work on another thread", e);
        }
    }

    /** Waits until {@code future} has ended, whatever its outcome: for a caller that is already failing. */
    static void awaitEnd(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException | CancellationException e) {
            // the caller's own failure is the one to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The results in order, once every one of {@code futures} has ended: none is still running when the first
     * failure is thrown, so nothing is written behind the caller's back after it gives up.
     */
    static <T> List<T> joinAll(List<Future<T>> futures) {
        List<T> results = new ArrayList<>();
        RuntimeException first = null;
        for (Future<T> future : futures) {
            try {
                results.add(join(future));
            } catch (RuntimeException failure) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
