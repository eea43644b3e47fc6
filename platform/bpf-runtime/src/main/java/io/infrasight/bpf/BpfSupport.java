package io.infrasight.bpf;

import io.infrasight.bpf.internal.Native;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that turn the usual reasons a probe cannot run into one clear sentence, before libbpf
 * produces a less obvious errno.
 */
public final class BpfSupport {
    static final Path BTF = Path.of("/sys/kernel/btf/vmlinux");
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_BPF = 39;
    private static final int CAP_PERFMON = 38;

    private BpfSupport() {
    }

    /** @throws BpfException when the library, privileges or kernel BTF are missing */
    public static void requireLoadable() throws BpfException {
        try {
            Native.ensureLoaded();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new BpfException("the BPF runtime library cannot be loaded (needs libbpf.so.1: "
                    + "apt-get install libbpf1): " + e.getMessage());
        }
        BigInteger caps = effectiveCapabilities();
        boolean privileged = caps.testBit(CAP_SYS_ADMIN) || (caps.testBit(CAP_BPF) && caps.testBit(CAP_PERFMON));
        if (!privileged) {
            throw new BpfException("not privileged to load BPF programs: run as root or grant CAP_BPF and "
                    + "CAP_PERFMON (or CAP_SYS_ADMIN); effective capabilities are 0x" + caps.toString(16));
        }
        if (!Files.isReadable(BTF)) {
            throw new BpfException("the kernel exposes no BTF (" + BTF + " missing): CO-RE probes need a kernel "
                    + "built with CONFIG_DEBUG_INFO_BTF=y (5.8 or later)");
        }
    }

    /** CapEff from /proc/self/status; zero when it cannot be read. */
    static BigInteger effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // treated as unprivileged: the message says what was found
        }
        return BigInteger.ZERO;
    }

    /** The libbpf version the runtime runs with, e.g. "1.1". */
    public static String libbpfVersion() {
        return Native.libbpfVersion();
    }
}
