package org.crmsync.emulators.seed;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** The one source of randomness of a seeded company, so that a seed always gives the same data. */
final class SeedRandom {

    private static final Instant EPOCH = Instant.parse("2026-01-01T08:00:00Z");
    static final String[] FIRST = {"Annette", "Bjørn", "Chloé", "Dmitri", "Eleanor", "François", "Grace",
        "Hiroshi", "Ingrid", "José", "Kwame", "Lena", "Mateo", "Noor", "Olivia", "Pádraig", "Quinn", "Raj"};
    static final String[] LAST = {"Hill", "O'Connor", "Søndergaard", "Müller", "Nakamura", "Okafor",
        "García", "Łukasiewicz", "Smith", "D'Angelo", "Petrov", "Nguyễn", "Brown", "Lindqvist"};

    private final Random random;

    SeedRandom(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    String phone() {
        return "+1 555 " + String.format(Locale.ROOT, "%04d", random.nextInt(10000));
    }

    /** A modification time within the year before the demo starts, with BC's millisecond precision. */
    String stamp() {
        return EPOCH.plusMillis(random.nextInt(1_000_000_000)).toString();
    }

    /** A date in 2026 as BC writes dates. */
    String date() {
        return EPOCH.plusSeconds(86_400L * random.nextInt(330)).toString().substring(0, 10);
    }

    String uuid() {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** Whether a record falls in a share {@code fraction} of its kind. */
    boolean chance(double fraction) {
        return random.nextDouble() < fraction;
    }
}
