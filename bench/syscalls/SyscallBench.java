package io.infrasight.probe.syscalls;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps one configuration attached while bench/syscalls/run.sh runs the storm:
 *   none: nothing attached (the JVM is there all the same, so that only the BPF side differs);
 *   probe: the real SyscallsProbe (its shipped object, its decoder), events counted, not stored;
 *   empty: an empty tp_btf sys_enter program (the floor).
 * Writes READY to the ready file once attached, stops when the stop file appears (or after 120 s),
 * then prints what it saw. Usage: SyscallBench none|probe|empty readyFile stopFile [empty.bpf.o]
 */
public final class SyscallBench {
    static final int GETPPID = 110;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path ready = Path.of(args[1]);
        Path stop = Path.of(args[2]);
        long deadline = System.currentTimeMillis() + 120_000;
        if (mode.equals("none")) {
            // the same JVM on the machine as in the other modes, with nothing attached
            Files.writeString(ready, "READY\n");
            waitFor(stop, deadline);
            return;
        }
        if (mode.equals("empty")) {
            try (BpfObject o = BpfObject.open("bench_empty", Files.readAllBytes(Path.of(args[3])))) {
                o.load();
                o.attachAll();
                Files.writeString(ready, "READY\n");
                waitFor(stop, deadline);
            }
            return;
        }
        AtomicLong events = new AtomicLong();
        Map<Integer, Long> getppidByPid = new ConcurrentHashMap<>();
        EventPublisher bus = new EventPublisher() {
            @Override
            public void publish(Event e) {
                publish(List.of(e));
            }

            @Override
            public void publish(List<? extends Event> batch) {
                for (Event e : batch) {
                    events.incrementAndGet();
                    Long n = ((SyscallFrequencyEvent) e).counts().get(GETPPID);
                    if (n != null) {
                        getppidByPid.merge(e.header().pid(), n, Long::sum);
                    }
                }
            }
        };
        ConfigProblems problems = new ConfigProblems() {
            @Override
            public void report(String pid, List<ConfigProblem> list) {
            }

            @Override
            public List<ConfigProblem> list() {
                return List.of();
            }
        };
        SyscallsProbe probe = new SyscallsProbe(ProbeSettings.of(SyscallsProbeConfig.PID, true, 4096, true, null,
                null, null), () -> 10, problems);
        probe.start(bus);
        while (!probe.state().state().equals(SourceState.RUNNING) && System.currentTimeMillis() < deadline) {
            if (probe.state().state().equals(SourceState.FAILED)) {
                throw new IllegalStateException(probe.state().reason());
            }
            Thread.sleep(10);
        }
        Files.writeString(ready, "READY\n");
        waitFor(stop, deadline);
        Thread.sleep(700);   // the storm has exited: its exit flush, a poll, a counter refresh
        probe.stop();
        long max = getppidByPid.values().stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.println("events=" + events.get() + " max_getppid_per_pid=" + max + " counters=" + probe.counters());
    }

    private static void waitFor(Path stop, long deadline) throws InterruptedException {
        while (!Files.exists(stop) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
