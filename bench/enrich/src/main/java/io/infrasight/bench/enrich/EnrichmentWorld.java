package io.infrasight.bench.enrich;

import com.sun.net.httpserver.HttpServer;
import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.spi.Enricher;
import io.infrasight.enrich.container.internal.ContainerResolver;
import io.infrasight.enrich.format.internal.Formatter;
import io.infrasight.enrich.k8s.internal.PodDirectory;
import io.infrasight.enrich.k8s.internal.PodResolver;
import io.infrasight.enrich.process.internal.ProcessTree;
import io.infrasight.enrich.users.internal.UserNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The five enrichers on this machine's real processes, plus two "containers": real sleep processes
 * in cgroups named the way containerd (in a kubepods slice) and docker name them, and a Kubernetes
 * API stand-in on 127.0.0.1 that knows the pod. Events are a realistic mix of kinds, 70% from host
 * processes and 30% from the containers, 10% failing. Everything is removed in close().
 */
public final class EnrichmentWorld implements AutoCloseable {
    public static final String POD_UID = "6d0b7a56-1c2e-4f4b-9a8e-0123456789ab";

    public final ProcessTree process;
    public final UserNames users;
    public final ContainerResolver container;
    public final PodResolver k8s;
    public final Formatter format;
    public final String criId;
    public final String dockerId;
    public final Process criProcess;
    public final Process dockerProcess;
    private final List<Path> cgroups = new ArrayList<>();
    private final HttpServer api;

    public EnrichmentWorld() throws Exception {
        process = new ProcessTree(ProcessTree.Settings.defaults());
        users = new UserNames(UserNames.Settings.defaults());
        container = new ContainerResolver(ContainerResolver.Settings.defaults());
        format = new Formatter(Formatter.Settings.defaults());
        Path unified = unified();
        String prefix = "isx-bench-" + Long.toHexString(System.nanoTime());
        criId = hex64();
        dockerId = hex64();
        criProcess = inCgroup(unified, prefix + "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + POD_UID.replace('-', '_') + ".slice/cri-containerd-" + criId + ".scope");
        dockerProcess = inCgroup(unified, prefix + "/system.slice/docker-" + dockerId + ".scope");
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] pods = ("{\"items\":[{\"metadata\":{\"name\":\"web-0\",\"namespace\":\"shop\",\"uid\":\"" + POD_UID
                + "\",\"labels\":{\"app\":\"web\"}}}]}").getBytes(StandardCharsets.UTF_8);
        api.createContext("/api/v1/pods", ex -> {
            ex.sendResponseHeaders(200, pods.length);
            ex.getResponseBody().write(pods);
            ex.close();
        });
        api.start();
        k8s = new PodResolver(new PodDirectory(URI.create("http://127.0.0.1:" + api.getAddress().getPort()), "bench-node",
                null, null, Duration.ofSeconds(5)), 60_000);
        process.scanOnce();
        users.refreshIfChanged(true);
        container.rescan();
        k8s.refresh();
    }

    static Path unified() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                return Path.of(line.substring(0, dash).split(" ")[4]);
            }
        }
        throw new IllegalStateException("no cgroup2 mount");
    }

    private static String hex64() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Process inCgroup(Path root, String rel) throws IOException {
        Path dir = root;
        for (String part : rel.split("/")) {
            dir = dir.resolve(part);
            if (!Files.exists(dir)) {
                Files.createDirectory(dir);
                cgroups.add(dir);
            }
        }
        Process p = new ProcessBuilder("sleep", "3600").start();
        Files.writeString(dir.resolve("cgroup.procs"), Long.toString(p.pid()));
        return p;
    }

    /** The enrichers in bus order (service.ranking: process 500, users 400, container 300, k8s 200, format 100). */
    public List<Enricher> chain() {
        return List.of(enricher("process", process::enrich), enricher("users", users::enrich),
                enricher("container", container::enrich), enricher("k8s", k8s::enrich),
                enricher("format", format::enrich));
    }

    private static Enricher enricher(String id, java.util.function.UnaryOperator<Event> f) {
        return new Enricher() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Event enrich(Event event) {
                return f.apply(event);
            }
        };
    }

    public Event enrichAll(Event e) {
        return format.enrich(k8s.enrich(container.enrich(users.enrich(process.enrich(e)))));
    }

    private record Proc(int pid, int ppid, int uid, int gid, long cgroupId, String comm, String exe) {
    }

    private static Proc proc(Path unified, long pid) {
        try {
            Path d = Path.of("/proc", Long.toString(pid));
            String stat = Files.readString(d.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            int ppid = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            int uid = (Integer) Files.getAttribute(d, "unix:uid");
            int gid = (Integer) Files.getAttribute(d, "unix:gid");
            String cg = "/";
            for (String l : Files.readAllLines(d.resolve("cgroup"))) {
                if (l.startsWith("0::")) {
                    cg = l.substring(3);
                }
            }
            Number ino = (Number) Files.getAttribute(unified.resolve(cg.substring(1)), "unix:ino");
            String exe = Files.readSymbolicLink(d.resolve("exe")).toString();
            return new Proc((int) pid, ppid, uid, gid, ino.longValue(), comm, exe);
        } catch (IOException | RuntimeException e) {
            return null; // kernel threads (no exe) and processes that just exited
        }
    }

    /** The chain without the format enricher (whose values are new for every event because of latency). */
    public Event enrichFirstFour(Event e) {
        return k8s.enrich(container.enrich(users.enrich(process.enrich(e))));
    }

    /** n events: 70% from host processes, 30% from the two container processes; a mix of kinds. */
    public Event[] events(int n, long seed) throws IOException {
        Path unified = unified();
        List<Proc> host = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                Proc pr = proc(unified, Long.parseLong(p.getFileName().toString()));
                if (pr != null && !pr.exe().contains("sleep")) {
                    host.add(pr);
                }
            }
        }
        List<Proc> inContainers = List.of(proc(unified, criProcess.pid()), proc(unified, dockerProcess.pid()));
        Random r = new Random(seed);
        Event[] out = new Event[n];
        for (int i = 0; i < n; i++) {
            Proc p = r.nextInt(10) < 7 ? host.get(r.nextInt(host.size())) : inContainers.get(r.nextInt(2));
            boolean fails = r.nextInt(10) == 0;
            int k = r.nextInt(100);
            // exec is 1%: every exec replaces a process entry, which is rare next to opens and mmaps
            EventKind kind = k < 52 ? EventKind.OPEN : k < 62 ? EventKind.CONNECT : k < 78 ? EventKind.MMAP
                    : k < 87 ? EventKind.MPROTECT : k < 92 ? EventKind.CHMOD : k < 97 ? EventKind.ACCEPT
                    : k < 99 ? EventKind.PTRACE : EventKind.EXEC;
            long ret = fails ? -(new int[] {2, 13, 1, 111, 11}[r.nextInt(5)]) : (kind == EventKind.OPEN ? 3 : 0);
            EventHeader h = new EventHeader(kind, 1_700_000_000_000_000_000L + i, 1_000_000L + i, p.pid(), p.pid(),
                    p.ppid(), p.uid(), p.gid(), p.uid(), p.cgroupId(), p.comm(), ret, 1000 + r.nextInt(100_000),
                    "bench-node", Context.EMPTY);
            out[i] = switch (kind) {
                case OPEN -> new OpenEvent(h, "/etc/hosts", new int[] {0, 02000000, 0101 | 01000, 02 | 0100}[r.nextInt(4)],
                        0644, "openat");
                case CONNECT -> new ConnectEvent(h, r.nextBoolean() ? 2 : 10, 1, 0, "10.0.0.1", 40000, "10.0.0.2", 443);
                case ACCEPT -> new AcceptEvent(h, 2, 1, 6, "10.0.0.1", 8080, "10.0.0.9", 51000);
                case MMAP -> new MmapEvent(h, 0, 4096, new int[] {1, 3, 5}[r.nextInt(3)], 0x22, -1, "", false);
                case MPROTECT -> new MprotectEvent(h, 0x1000, 4096, 1, false);
                case CHMOD -> new ChmodEvent(h, "/tmp/x", new int[] {0644, 0755, 04755}[r.nextInt(3)], "fchmodat");
                case PTRACE -> new PtraceEvent(h, 16, "", 1, 0, 0);
                default -> new ExecEvent(h, p.exe(), List.of(p.comm()), false, "/", false, false);
            };
        }
        return out;
    }

    /** Counters of every enricher, for hit rates. */
    public Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        m.put("process", process.counters());
        m.put("users", users.counters());
        m.put("container", container.counters());
        m.put("k8s", k8s.counters());
        m.put("format", format.counters());
        return m;
    }

    @Override
    public void close() throws Exception {
        api.stop(0);
        process.close();
        users.close();
        container.close();
        k8s.close();
        for (Process p : List.of(criProcess, dockerProcess)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = cgroups.size() - 1; i >= 0; i--) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Files.deleteIfExists(cgroups.get(i));
                    break;
                } catch (IOException e) {
                    Thread.sleep(20);
                }
            }
        }
    }
}
