package io.infrasight.bench.ml;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Interval events shaped like this host's: thirty kinds of process, each with its own typical CPU,
 * I/O and syscall mix (about 25 distinct syscalls of ~60 in use), with multiplicative noise.
 */
final class Vectors {
    private final Random rnd;
    private final double[][] profiles = new double[30][];
    private final int[][] mixes = new int[30][];

    Vectors(long seed) {
        rnd = new Random(seed);
        for (int p = 0; p < profiles.length; p++) {
            profiles[p] = new double[] {Math.exp(rnd.nextDouble() * 8), Math.exp(rnd.nextDouble() * 6),
                Math.exp(rnd.nextDouble() * 14), Math.exp(rnd.nextDouble() * 12), 1 + rnd.nextInt(16)};
            mixes[p] = new int[25];
            for (int i = 0; i < 25; i++) {
                mixes[p][i] = rnd.nextInt(60);
            }
        }
    }

    private double noisy(double v) {
        return v * Math.exp(rnd.nextGaussian() * 0.3);
    }

    private static EventHeader header(EventKind kind, int pid, String image) {
        Context c = image == null ? Context.EMPTY
                : Context.EMPTY.with(ContextKeys.CONTAINER_ID, image).with(ContextKeys.CONTAINER_IMAGE, image);
        return EventHeader.of(kind, System.currentTimeMillis() * 1_000_000L, pid, pid, 1, 0, "p" + pid).withContext(c);
    }

    Event resource(String image) {
        int p = rnd.nextInt(profiles.length);
        double[] f = profiles[p];
        return new ResourceEvent(header(EventKind.RESOURCE, 1000 + p, image), 10_000_000_000L,
                (long) (noisy(f[0]) * 1e6), (long) noisy(f[1]), 0, (long) (noisy(f[2]) * 1024), (long) noisy(f[3]),
                (long) noisy(f[3] / 4), (int) f[4], Lifecycle.RUNNING);
    }

    Event syscalls(String image) {
        int p = rnd.nextInt(mixes.length);
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i < mixes[p].length; i++) {
            counts.merge(mixes[p][i], (long) noisy(10 + 100 * (i % 5)), Long::sum);
        }
        return new SyscallFrequencyEvent(header(EventKind.SYSCALL_FREQUENCY, 1000 + p, image), 10_000_000_000L,
                counts);
    }

    Event next(String family, String image) {
        return family.equals("resource") ? resource(image) : syscalls(image);
    }
}
