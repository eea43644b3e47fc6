package io.infrasight.enrich.container.internal;

import io.infrasight.api.event.ContextKeys;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises containers in cgroup paths (v1 and v2 look alike below the mount point). The
 * outermost container segment wins: that is the container the host sees, also for nested ones.
 * Pod segments of kubepods paths give the pod UID. Paths made only of systemd units (slices,
 * services, scopes) and the root are the host; anything else is unknown.
 */
final class CgroupPaths {
    private static final String HEX64 = "([0-9a-f]{64})";

    private record Rule(Pattern pattern, String runtime) {
    }

    /** Single-segment rules: systemd driver scopes and cgroupfs driver prefixes. */
    private static final List<Rule> SEGMENT_RULES = List.of(
            new Rule(Pattern.compile("docker-" + HEX64 + "\\.scope"), "docker"),
            new Rule(Pattern.compile("cri-containerd-" + HEX64 + "\\.scope"), "containerd"),
            new Rule(Pattern.compile("nerdctl-" + HEX64 + "\\.scope"), "containerd"),
            new Rule(Pattern.compile("crio-" + HEX64 + "(?:\\.scope)?"), "cri-o"),
            new Rule(Pattern.compile("libpod-" + HEX64 + "(?:\\.scope)?"), "podman"),
            new Rule(Pattern.compile("lxc\\.payload\\.(.+)"), "lxc"));

    /** Runtime helpers that live next to a container but not in it (conmon): the host. */
    private static final Pattern HELPER = Pattern.compile("(?:crio|libpod)-conmon-[0-9a-f]{64}(?:\\.scope)?");
    private static final Pattern BARE_ID = Pattern.compile(HEX64);
    private static final Pattern ANY_HEX_ID = Pattern.compile("(?:.*[-_.:])?([0-9a-f]{32,64})(?:\\.scope)?");
    private static final Pattern POD_CGROUPFS = Pattern.compile("pod([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern POD_SYSTEMD = Pattern.compile(
            "kubepods(?:-[a-z]+)?-pod([0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12})\\.slice");
    private static final Pattern SYSTEMD_UNIT = Pattern.compile("[A-Za-z0-9:_.@\\\\-]+\\.(slice|service|scope|socket|mount|swap)");
    private static final Pattern CONTAINERD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Set<String> containerdNamespaces;

    CgroupPaths(Set<String> containerdNamespaces) {
        this.containerdNamespaces = Set.copyOf(containerdNamespaces);
    }

    /** The container behind a cgroup path such as {@code /system.slice/docker-<id>.scope}. */
    ContainerRef parse(String path) {
        if (path == null) {
            return ContainerRef.UNKNOWN;
        }
        String[] seg = path.split("/");
        String podUid = null;
        boolean inKubepods = false;
        boolean allHostShaped = true;
        for (int i = 0; i < seg.length; i++) {
            String s = seg[i];
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals("kubepods") || s.startsWith("kubepods.") || s.startsWith("kubepods-")) {
                inKubepods = true;
            }
            Matcher pod = POD_SYSTEMD.matcher(s);
            if (pod.matches()) {
                podUid = pod.group(1).replace('_', '-');
                continue;
            }
            pod = POD_CGROUPFS.matcher(s);
            if (inKubepods && pod.matches()) {
                podUid = pod.group(1);
                continue;
            }
            if (HELPER.matcher(s).matches()) {
                return ContainerRef.HOST;
            }
            for (Rule r : SEGMENT_RULES) {
                Matcher m = r.pattern.matcher(s);
                if (m.matches()) {
                    return ContainerRef.of(r.runtime, m.group(1), podUid);
                }
            }
            String prev = i > 0 ? seg[i - 1] : "";
            if (BARE_ID.matcher(s).matches()) {
                if (prev.equals("docker")) {
                    return ContainerRef.of("docker", s, podUid); // cgroupfs driver, v1 and v2
                }
                if (prev.equals("libpod_parent")) {
                    return ContainerRef.of("podman", s, podUid);
                }
                if (prev.equals("crio")) {
                    return ContainerRef.of("cri-o", s, podUid);
                }
                if (podUid != null) {
                    return ContainerRef.of("cri", s, podUid); // kubelet cgroupfs driver: the runtime is not in the path
                }
            }
            if (i == 2 && seg[0].isEmpty() && containerdNamespaces.contains(prev) && CONTAINERD_ID.matcher(s).matches()
                    && !SYSTEMD_UNIT.matcher(s).matches()) {
                return ContainerRef.of("containerd", s, podUid); // plain containerd, cgroupfs: /<namespace>/<id>
            }
            if (i >= 1 && prev.equals("lxc") && (i == 2 && seg[0].isEmpty() || seg[i - 2].isEmpty())) {
                return ContainerRef.of("lxc", s, podUid);
            }
            if (!SYSTEMD_UNIT.matcher(s).matches() && !(inKubepods && isQosClass(s))) {
                allHostShaped = false;
            }
        }
        if (allHostShaped && podUid == null && !inKubepods) {
            return ContainerRef.HOST;
        }
        // unknown shape; keep a container-looking id if there is one, so operators can still correlate
        for (int i = seg.length - 1; i >= 0; i--) {
            Matcher m = ANY_HEX_ID.matcher(seg[i]);
            if (m.matches()) {
                return ContainerRef.of(ContextKeys.UNKNOWN, m.group(1), podUid);
            }
        }
        return podUid == null ? ContainerRef.UNKNOWN : ContainerRef.of(ContextKeys.UNKNOWN, ContextKeys.UNKNOWN, podUid);
    }

    private static boolean isQosClass(String s) {
        return s.equals("kubepods") || s.equals("besteffort") || s.equals("burstable");
    }

    /**
     * From the lines of /proc/<pid>/cgroup: the v2 line ({@code 0::path}) when it shows a container,
     * otherwise the first v1 hierarchy that does (docker on cgroup v1 or hybrid hosts), otherwise
     * what the v2 line says (host or unknown).
     */
    ContainerRef parseProcCgroup(List<String> lines) {
        ContainerRef v2 = null;
        for (String line : lines) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) {
                continue;
            }
            if (line.startsWith("0::")) {
                v2 = parse(line.substring(b + 1));
                if (v2.isContainer()) {
                    return v2;
                }
            }
        }
        for (String line : lines) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0 || line.startsWith("0::")) {
                continue;
            }
            ContainerRef v1 = parse(line.substring(b + 1));
            if (v1.isContainer()) {
                return v1;
            }
        }
        if (v2 != null) {
            return v2;
        }
        return lines.isEmpty() ? ContainerRef.UNKNOWN : parse(lastPath(lines));
    }

    private static String lastPath(List<String> lines) {
        String l = lines.get(0);
        int a = l.indexOf(':');
        int b = a < 0 ? -1 : l.indexOf(':', a + 1);
        return b < 0 ? null : l.substring(b + 1);
    }
}
