package io.infrasight.enrich.container.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Path shapes from each runtime, cgroup v1 and v2, with the systemd and the cgroupfs driver. */
class CgroupPathsTest {
    static final String ID = "3f4e2b9c1d0a8e7f6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a";
    static final String POD = "6d0b7a56-1c2e-4f4b-9a8e-0123456789ab";
    static final String POD_ = "6d0b7a56_1c2e_4f4b_9a8e_0123456789ab";
    final CgroupPaths paths = new CgroupPaths(Set.of("default", "k8s.io"));

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // docker: systemd driver (v2 and v1), cgroupfs driver (v1 and v2), docker-in-systemd nesting
        "/system.slice/docker-" + ID + ".scope                         | docker     | " + ID + " | -",
        "/docker/" + ID + "                                             | docker     | " + ID + " | -",
        "/docker/" + ID + "/init.scope                                  | docker     | " + ID + " | -",
        // containerd: CRI plugin with systemd driver, plain containerd (ctr) with cgroupfs, nerdctl
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + POD_ + ".slice/cri-containerd-" + ID + ".scope | containerd | " + ID + " | " + POD,
        "/system.slice/containerd.service/kubepods-besteffort-pod" + POD_ + ".slice:cri-containerd:" + ID + " | unknown | " + ID + " | -",
        "/default/redis-1                                               | containerd | redis-1 | -",
        "/k8s.io/" + ID + "                                             | containerd | " + ID + " | -",
        "/system.slice/nerdctl-" + ID + ".scope                         | containerd | " + ID + " | -",
        // CRI-O: systemd driver, cgroupfs driver, conmon is on the host side
        "/kubepods.slice/kubepods-pod" + POD_ + ".slice/crio-" + ID + ".scope | cri-o  | " + ID + " | " + POD,
        "/kubepods/besteffort/pod" + POD + "/crio-" + ID + "            | cri-o      | " + ID + " | " + POD,
        "/kubepods.slice/kubepods-pod" + POD_ + ".slice/crio-conmon-" + ID + ".scope | host | host | -",
        // podman: systemd driver (root, rootless, with the nested container cgroup), cgroupfs driver, conmon
        "/machine.slice/libpod-" + ID + ".scope                         | podman     | " + ID + " | -",
        "/machine.slice/libpod-" + ID + ".scope/container               | podman     | " + ID + " | -",
        "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope | podman | " + ID + " | -",
        "/libpod_parent/libpod-" + ID + "                               | podman     | " + ID + " | -",
        "/libpod_parent/" + ID + "                                      | podman     | " + ID + " | -",
        "/machine.slice/libpod-conmon-" + ID + ".scope                  | host       | host | -",
        // kubelet with the cgroupfs driver: the runtime is not in the path
        "/kubepods/burstable/pod" + POD + "/" + ID + "                  | cri        | " + ID + " | " + POD,
        "/kubepods/pod" + POD + "/" + ID + "                            | cri        | " + ID + " | " + POD,
        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + POD_ + ".slice/docker-" + ID + ".scope | docker | " + ID + " | " + POD,
        // lxc
        "/lxc/web01                                                     | lxc        | web01 | -",
        "/lxc.payload.web01                                             | lxc        | web01 | -",
        // host: root, systemd units, sessions
        "/                                                              | host       | host | -",
        "/init.scope                                                    | host       | host | -",
        "/system.slice/sshd.service                                     | host       | host | -",
        "/user.slice/user-0.slice/session-3.scope                       | host       | host | -",
        "/system.slice/docker.service                                   | host       | host | -",
        // unknown shapes: marked unknown, keeping anything that looks like an id
        "/process_api/7858a0ee562a28fde857e7c328ee4fd0                  | unknown    | 7858a0ee562a28fde857e7c328ee4fd0 | -",
        "/some/odd/place                                                | unknown    | unknown | -",
        "/kubepods/burstable/pod" + POD + "                             | unknown    | unknown | " + POD,
    })
    void pathShapes(String path, String runtime, String id, String podUid) {
        ContainerRef r = paths.parse(path.trim());
        assertEquals(runtime, r.runtime(), path);
        assertEquals(id, r.id(), path);
        assertEquals(podUid, r.podUid(), path);
    }

    @Test
    void procCgroupOfAV1HostPrefersTheHierarchyThatShowsTheContainer() {
        ContainerRef r = paths.parseProcCgroup(List.of("12:memory:/docker/" + ID, "11:cpu,cpuacct:/docker/" + ID,
                "1:name=systemd:/docker/" + ID, "0::/"));
        assertEquals("docker", r.runtime());
        assertEquals(ID, r.id());
    }

    @Test
    void procCgroupOfAV2HostUsesTheUnifiedLine() {
        ContainerRef r = paths.parseProcCgroup(List.of("0::/system.slice/docker-" + ID + ".scope"));
        assertEquals("docker", r.runtime());
        assertEquals("host", paths.parseProcCgroup(List.of("0::/init.scope")).runtime());
    }

    @Test
    void procCgroupOfAHostProcessOnAHybridHostIsTheHost() {
        assertEquals("host", paths.parseProcCgroup(List.of("9:name=systemd:/", "4:memory:/user.slice", "0::/")).runtime());
        assertEquals("unknown", paths.parseProcCgroup(List.of()).runtime());
        assertEquals("unknown", paths.parseProcCgroup(List.of("garbage")).runtime());
    }
}
