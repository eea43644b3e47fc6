package io.infrasight.bench.ml;

import io.infrasight.api.event.Event;
import io.infrasight.ml.AnomalyEngine;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.ModelInfo;
import io.infrasight.ml.resource.ResourceFeatures;
import io.infrasight.ml.syscall.SyscallFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An engine whose models have learned from {@code samples} vectors per container, on a hand-driven clock. */
final class Trained {
    final AnomalyEngine engine;
    final FeatureFamily family;
    final AtomicLong mono = new AtomicLong(1);

    Trained(String familyName, String algorithm, int containers, int samples, Path dir) {
        family = familyName.equals("resource") ? new ResourceFeatures() : new SyscallFeatures();
        EngineSettings s = EngineSettings.defaults().withAlgorithm(algorithm).withLearning(1, samples);
        engine = new AnomalyEngine(family, s, dir, null, mono::get, System::nanoTime);
        Vectors v = new Vectors(7);
        // vectors of all containers interleaved, in 10 s intervals of 20 processes each
        int rounds = samples / 20 + 2;
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < containers; c++) {
                List<Event> batch = new ArrayList<>(20);
                for (int i = 0; i < 20; i++) {
                    batch.add(v.next(familyName, "image-" + c));
                }
                engine.inspect(batch, null);
            }
            mono.addAndGet(10_000_000_000L);
            engine.tick(null);
        }
        engine.tick(null);
    }

    long scoring() {
        long n = 0;
        for (ModelInfo m : engine.models()) {
            if (m.state().equals("SCORING")) {
                n++;
            }
        }
        return n;
    }
}
