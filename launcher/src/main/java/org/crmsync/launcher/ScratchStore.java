package org.crmsync.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh integration store directory for one benchmark run, deleted when the run ends: a run of a million
 * records leaves gigabytes of H2 store behind otherwise, and repeated runs fill the disk.
 */
final class ScratchStore implements AutoCloseable {

    private final Path dir;

    ScratchStore() throws IOException {
        this.dir = Files.createTempDirectory("crmsync-bench-store");
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's store at " + dir, e);
        }
    }
}
