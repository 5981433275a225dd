package org.crmsync.launcher;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** Samples the heap while a sync runs: its peak, and the live set the collector leaves behind. */
final class HeapWatch {

    private final Thread sampler;
    private volatile boolean running = true;
    private long peak;
    private long live;

    private HeapWatch() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        sampler = new Thread(() -> {
            while (running) {
                long used = 0;
                long afterGc = 0;
                for (MemoryPoolMXBean pool : pools) {
                    used += pool.getUsage().getUsed();
                    MemoryUsage collected = pool.getCollectionUsage();
                    afterGc += collected == null ? 0 : collected.getUsed();
                }
                peak = Math.max(peak, used);
                live = Math.max(live, afterGc);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
    }

    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        watch.sampler.start();
        return watch;
    }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
    }

    long peakMb() {
        return peak >> 20;
    }

    long liveMb() {
        return live >> 20;
    }
}
