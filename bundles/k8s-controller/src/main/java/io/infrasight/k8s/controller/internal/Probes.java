package io.infrasight.k8s.controller.internal;

import java.util.List;

/** The ten agent probes and the configuration PID that switches each on or off. */
final class Probes {
    /** All of them: the reference controller refused resource and syscalls, which starved the ML models. */
    static final List<String> ALL = List.of("exec", "open", "chmod", "connect", "accept", "ptrace", "mmap", "mount",
            "resource", "syscalls");

    private Probes() {
    }

    static String pid(String probe) {
        return "io.infrasight.probe." + probe;
    }
}
