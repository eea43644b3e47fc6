// SPDX-License-Identifier: Apache-2.0
import io.infrasight.api.event.Event;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.probe.open.OpenProbe;
import io.infrasight.probe.open.OpenProbeConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/**
 * The Java path of the open storm: the real {@link OpenProbe} (the DS component, constructed as
 * DS would: configuration + ConfigProblems), started with an {@link EventPublisher} that only
 * counts the decoded {@link OpenEvent}s it is handed (in batches, as the bus would get them).
 * Same stdin/stdout protocol as cconsumer.c: "ready", then "snap" prints the counts, "quit" ends.
 *   java -cp <jars>:. OpenStormJava [RING_KIB] [raw]
 * "raw" is a diagnostic: the same object under the same {@link ProbeRunner} (JNI batch reader, 10 ms
 * poll) but with a decoder that only counts records, as cconsumer.c does: what the Java runtime
 * costs without decoding.
 */
public final class OpenStormJava {
    /** Written by the probe's poll thread only; read by main on "snap". */
    static volatile long events;
    static volatile long storm;

    public static void main(String[] args) throws Exception {
        int ringKib = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        EventPublisher counter = new EventPublisher() {
            @Override
            public void publish(Event e) {
                count(e);
            }

            @Override
            public void publish(List<? extends Event> batch) {
                for (Event e : batch) {
                    count(e);
                }
            }

            private void count(Event e) {
                events++;
                if (e instanceof OpenEvent o && "openstorm".equals(o.header().comm())) {
                    storm++;
                }
            }
        };
        ConfigProblems problems = new ConfigProblems() {
            @Override
            public void report(String pid, List<ConfigProblem> found) {
                found.forEach(p -> System.err.println("config problem: " + p.message()));
            }

            @Override
            public List<ConfigProblem> list() {
                return List.of();
            }
        };
        boolean raw = args.length > 1 && args[1].equals("raw");
        Probe probe = raw ? rawRunner(ringKib) : new Probe() {
            final OpenProbe p = new OpenProbe(config(ringKib), problems);

            public void start() {
                p.start(counter);
            }

            public SourceState state() {
                return p.state();
            }

            public Map<String, Long> counters() {
                return p.counters();
            }

            public void stop() {
                p.stop();
            }
        };
        probe.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!SourceState.RUNNING.equals(probe.state().state())) {
            if (SourceState.FAILED.equals(probe.state().state()) || System.currentTimeMillis() > deadline) {
                System.err.println("probe did not start: " + probe.state());
                System.exit(1);
            }
            Thread.sleep(10);
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("snap")) {
                Map<String, Long> c = probe.counters();
                System.out.println("events=" + events + " storm=" + storm + " emitted=" + c.get("kernel_emitted")
                        + " rb_full=" + c.get("kernel_dropped_ringbuf_full") + " decoded=" + c.get("decoded")
                        + " batches=" + c.get("batches") + " decode_errors=" + c.get("decode_errors"));
            } else if (line.equals("quit")) {
                break;
            }
        }
        probe.stop();
    }

    interface Probe {
        void start();

        SourceState state();

        Map<String, Long> counters();

        void stop();
    }

    /** ProbeRunner with the open object and a decoder that counts records (comm at offset 48). */
    static Probe rawRunner(int ringKib) throws Exception {
        byte[] elf;
        try (var in = OpenProbe.class.getResourceAsStream("/bpf/open.bpf.o")) {
            elf = in.readAllBytes();
        }
        byte[] want = "openstorm\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ProbeRunner runner = new ProbeRunner(new ProbeRunner.Settings("openstorm-raw", elf, ringKib * 1024, true),
                new ProbeRunner.Configurer() {
                    public void beforeLoad(BpfObject o) {
                    }

                    public void afterLoad(BpfObject o) {
                    }
                }, (reader, b, off, len) -> {
                    events++;
                    if (len > 48 + want.length && java.nio.ByteBuffer.wrap(want).equals(b.slice(off + 48, want.length))) {
                        storm++;
                    }
                    return null;
                });
        return new Probe() {
            public void start() {
                runner.start(counter0);
            }

            public SourceState state() {
                return runner.state();
            }

            public Map<String, Long> counters() {
                Map<String, Long> m = new java.util.HashMap<>(runner.counters());
                m.put("decoded", events);
                return m;
            }

            public void stop() {
                runner.stop();
            }
        };
    }

    static final EventPublisher counter0 = new EventPublisher() {
        public void publish(Event e) {
        }

        public void publish(List<? extends Event> batch) {
        }
    };

    /** The metatype defaults, with the ring buffer size given. */
    static OpenProbeConfig config(int ringKib) {
        return new OpenProbeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OpenProbeConfig.class;
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int ringBufferKib() {
                return ringKib;
            }

            @Override
            public boolean excludeOwnProcess() {
                return true;
            }

            @Override
            public String[] excludedComms() {
                return new String[0];
            }

            @Override
            public int[] excludedUids() {
                return new int[0];
            }

            @Override
            public String[] pathPrefixes() {
                return new String[0];
            }
        };
    }
}
