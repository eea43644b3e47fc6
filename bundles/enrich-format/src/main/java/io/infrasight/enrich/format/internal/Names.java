package io.infrasight.enrich.format.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Linux (x86_64 ABI) constants and their names. Values are the UAPI headers'; the errno and syscall
 * tables are generated from them into resources (see the files' first line).
 */
final class Names {
    private Names() {
    }

    static final Map<Integer, String> ERRNO = load("errno.txt");
    static final Map<Integer, String> SYSCALLS = load("syscalls_x86_64.txt");

    /** One named bit (or, with mask, a named value of a field). */
    record Flag(long value, long mask, String name) {
        static Flag bit(long v, String n) {
            return new Flag(v, v, n);
        }
    }

    static final Flag[] OPEN_FLAGS = {
        new Flag(0, 3, "O_RDONLY"), new Flag(1, 3, "O_WRONLY"), new Flag(2, 3, "O_RDWR"),
        Flag.bit(0100, "O_CREAT"), Flag.bit(0200, "O_EXCL"), Flag.bit(0400, "O_NOCTTY"), Flag.bit(01000, "O_TRUNC"),
        Flag.bit(02000, "O_APPEND"), Flag.bit(04000, "O_NONBLOCK"),
        new Flag(04010000, 04010000, "O_SYNC"), Flag.bit(010000, "O_DSYNC"), Flag.bit(020000, "O_ASYNC"),
        Flag.bit(040000, "O_DIRECT"), Flag.bit(0100000, "O_LARGEFILE"),
        new Flag(020200000, 020200000, "O_TMPFILE"), Flag.bit(0200000, "O_DIRECTORY"),
        Flag.bit(0400000, "O_NOFOLLOW"), Flag.bit(01000000, "O_NOATIME"), Flag.bit(02000000, "O_CLOEXEC"),
        Flag.bit(010000000, "O_PATH"),
    };

    static final Flag[] PROT = {
        Flag.bit(1, "PROT_READ"), Flag.bit(2, "PROT_WRITE"), Flag.bit(4, "PROT_EXEC"), Flag.bit(8, "PROT_SEM"),
        Flag.bit(0x01000000, "PROT_GROWSDOWN"), Flag.bit(0x02000000, "PROT_GROWSUP"),
    };

    static final Flag[] MAP_FLAGS = {
        new Flag(1, 0xf, "MAP_SHARED"), new Flag(2, 0xf, "MAP_PRIVATE"), new Flag(3, 0xf, "MAP_SHARED_VALIDATE"),
        Flag.bit(0x10, "MAP_FIXED"), Flag.bit(0x20, "MAP_ANONYMOUS"), Flag.bit(0x40, "MAP_32BIT"),
        Flag.bit(0x100, "MAP_GROWSDOWN"), Flag.bit(0x800, "MAP_DENYWRITE"), Flag.bit(0x1000, "MAP_EXECUTABLE"),
        Flag.bit(0x2000, "MAP_LOCKED"), Flag.bit(0x4000, "MAP_NORESERVE"), Flag.bit(0x8000, "MAP_POPULATE"),
        Flag.bit(0x10000, "MAP_NONBLOCK"), Flag.bit(0x20000, "MAP_STACK"), Flag.bit(0x40000, "MAP_HUGETLB"),
        Flag.bit(0x80000, "MAP_SYNC"), Flag.bit(0x100000, "MAP_FIXED_NOREPLACE"),
        Flag.bit(0x4000000, "MAP_UNINITIALIZED"),
    };

    static final Flag[] MOUNT_FLAGS = {
        Flag.bit(1, "MS_RDONLY"), Flag.bit(2, "MS_NOSUID"), Flag.bit(4, "MS_NODEV"), Flag.bit(8, "MS_NOEXEC"),
        Flag.bit(16, "MS_SYNCHRONOUS"), Flag.bit(32, "MS_REMOUNT"), Flag.bit(64, "MS_MANDLOCK"),
        Flag.bit(128, "MS_DIRSYNC"), Flag.bit(256, "MS_NOSYMFOLLOW"), Flag.bit(1024, "MS_NOATIME"),
        Flag.bit(2048, "MS_NODIRATIME"), Flag.bit(4096, "MS_BIND"), Flag.bit(8192, "MS_MOVE"),
        Flag.bit(16384, "MS_REC"), Flag.bit(32768, "MS_SILENT"), Flag.bit(1 << 16, "MS_POSIXACL"),
        Flag.bit(1 << 17, "MS_UNBINDABLE"), Flag.bit(1 << 18, "MS_PRIVATE"), Flag.bit(1 << 19, "MS_SLAVE"),
        Flag.bit(1 << 20, "MS_SHARED"), Flag.bit(1 << 21, "MS_RELATIME"), Flag.bit(1 << 22, "MS_KERNMOUNT"),
        Flag.bit(1 << 23, "MS_I_VERSION"), Flag.bit(1 << 24, "MS_STRICTATIME"), Flag.bit(1 << 25, "MS_LAZYTIME"),
    };

    static final Flag[] UMOUNT_FLAGS = {
        Flag.bit(1, "MNT_FORCE"), Flag.bit(2, "MNT_DETACH"), Flag.bit(4, "MNT_EXPIRE"), Flag.bit(8, "UMOUNT_NOFOLLOW"),
    };

    static final Map<Integer, String> FAMILIES = Map.ofEntries(
            Map.entry(0, "AF_UNSPEC"), Map.entry(1, "AF_UNIX"), Map.entry(2, "AF_INET"), Map.entry(3, "AF_AX25"),
            Map.entry(4, "AF_IPX"), Map.entry(5, "AF_APPLETALK"), Map.entry(6, "AF_NETROM"), Map.entry(7, "AF_BRIDGE"),
            Map.entry(8, "AF_ATMPVC"), Map.entry(9, "AF_X25"), Map.entry(10, "AF_INET6"), Map.entry(15, "AF_KEY"),
            Map.entry(16, "AF_NETLINK"), Map.entry(17, "AF_PACKET"), Map.entry(21, "AF_RDS"), Map.entry(26, "AF_LLC"),
            Map.entry(27, "AF_IB"), Map.entry(28, "AF_MPLS"), Map.entry(29, "AF_CAN"), Map.entry(30, "AF_TIPC"),
            Map.entry(31, "AF_BLUETOOTH"), Map.entry(38, "AF_ALG"), Map.entry(39, "AF_NFC"), Map.entry(40, "AF_VSOCK"),
            Map.entry(41, "AF_KCM"), Map.entry(42, "AF_QIPCRTR"), Map.entry(43, "AF_SMC"), Map.entry(44, "AF_XDP"),
            Map.entry(45, "AF_MCTP"));

    static final Map<Integer, String> SOCK_TYPES = Map.of(1, "SOCK_STREAM", 2, "SOCK_DGRAM", 3, "SOCK_RAW",
            4, "SOCK_RDM", 5, "SOCK_SEQPACKET", 6, "SOCK_DCCP", 10, "SOCK_PACKET");

    static final Map<Integer, String> PROTOCOLS = Map.ofEntries(
            Map.entry(1, "ICMP"), Map.entry(2, "IGMP"), Map.entry(4, "IPIP"), Map.entry(6, "TCP"), Map.entry(8, "EGP"),
            Map.entry(12, "PUP"), Map.entry(17, "UDP"), Map.entry(22, "IDP"), Map.entry(29, "TP"),
            Map.entry(33, "DCCP"), Map.entry(41, "IPV6"), Map.entry(46, "RSVP"), Map.entry(47, "GRE"),
            Map.entry(50, "ESP"), Map.entry(51, "AH"), Map.entry(58, "ICMPV6"), Map.entry(92, "MTP"),
            Map.entry(94, "BEETPH"), Map.entry(98, "ENCAP"), Map.entry(103, "PIM"), Map.entry(108, "COMP"),
            Map.entry(115, "L2TP"), Map.entry(132, "SCTP"), Map.entry(136, "UDPLITE"), Map.entry(137, "MPLS"),
            Map.entry(143, "ETHERNET"), Map.entry(255, "RAW"), Map.entry(262, "MPTCP"));

    static final Map<Long, String> PTRACE = Map.ofEntries(
            Map.entry(0L, "PTRACE_TRACEME"), Map.entry(1L, "PTRACE_PEEKTEXT"), Map.entry(2L, "PTRACE_PEEKDATA"),
            Map.entry(3L, "PTRACE_PEEKUSER"), Map.entry(4L, "PTRACE_POKETEXT"), Map.entry(5L, "PTRACE_POKEDATA"),
            Map.entry(6L, "PTRACE_POKEUSER"), Map.entry(7L, "PTRACE_CONT"), Map.entry(8L, "PTRACE_KILL"),
            Map.entry(9L, "PTRACE_SINGLESTEP"), Map.entry(12L, "PTRACE_GETREGS"), Map.entry(13L, "PTRACE_SETREGS"),
            Map.entry(14L, "PTRACE_GETFPREGS"), Map.entry(15L, "PTRACE_SETFPREGS"), Map.entry(16L, "PTRACE_ATTACH"),
            Map.entry(17L, "PTRACE_DETACH"), Map.entry(18L, "PTRACE_GETFPXREGS"), Map.entry(19L, "PTRACE_SETFPXREGS"),
            Map.entry(24L, "PTRACE_SYSCALL"), Map.entry(25L, "PTRACE_GET_THREAD_AREA"),
            Map.entry(26L, "PTRACE_SET_THREAD_AREA"), Map.entry(30L, "PTRACE_ARCH_PRCTL"),
            Map.entry(31L, "PTRACE_SYSEMU"), Map.entry(32L, "PTRACE_SYSEMU_SINGLESTEP"),
            Map.entry(33L, "PTRACE_SINGLEBLOCK"), Map.entry(0x4200L, "PTRACE_SETOPTIONS"),
            Map.entry(0x4201L, "PTRACE_GETEVENTMSG"), Map.entry(0x4202L, "PTRACE_GETSIGINFO"),
            Map.entry(0x4203L, "PTRACE_SETSIGINFO"), Map.entry(0x4204L, "PTRACE_GETREGSET"),
            Map.entry(0x4205L, "PTRACE_SETREGSET"), Map.entry(0x4206L, "PTRACE_SEIZE"),
            Map.entry(0x4207L, "PTRACE_INTERRUPT"), Map.entry(0x4208L, "PTRACE_LISTEN"),
            Map.entry(0x4209L, "PTRACE_PEEKSIGINFO"), Map.entry(0x420aL, "PTRACE_GETSIGMASK"),
            Map.entry(0x420bL, "PTRACE_SETSIGMASK"), Map.entry(0x420cL, "PTRACE_SECCOMP_GET_FILTER"),
            Map.entry(0x420dL, "PTRACE_SECCOMP_GET_METADATA"), Map.entry(0x420eL, "PTRACE_GET_SYSCALL_INFO"),
            Map.entry(0x420fL, "PTRACE_GET_RSEQ_CONFIGURATION"),
            Map.entry(0x4210L, "PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG"),
            Map.entry(0x4211L, "PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG"));

    /** Names of the flags set in value, joined by '|'; bits no flag names are appended in hex. */
    static String flags(long value, Flag[] table, String zero) {
        StringBuilder b = new StringBuilder();
        long named = 0;
        for (Flag f : table) {
            if ((value & f.mask()) == f.value() && (f.value() != 0 || f.mask() != f.value())) {
                if ((named & f.mask()) == f.mask() && f.value() != 0) {
                    continue; // already covered by a composite such as O_SYNC
                }
                if (b.length() > 0) {
                    b.append('|');
                }
                b.append(f.name());
                named |= f.mask();
            }
        }
        long rest = value & ~named;
        if (rest != 0) {
            if (b.length() > 0) {
                b.append('|');
            }
            b.append("0x").append(Long.toHexString(rest));
        }
        return b.length() == 0 ? zero : b.toString();
    }

    /** ls-style permission text for the low 12 bits of a mode, e.g. 04755 -> rwsr-xr-x. */
    static String modeText(int mode) {
        char[] c = new char[9];
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            c[i] = (mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-';
        }
        if ((mode & 04000) != 0) {
            c[2] = c[2] == 'x' ? 's' : 'S';
        }
        if ((mode & 02000) != 0) {
            c[5] = c[5] == 'x' ? 's' : 'S';
        }
        if ((mode & 01000) != 0) {
            c[8] = c[8] == 'x' ? 't' : 'T';
        }
        return new String(c);
    }

    private static Map<Integer, String> load(String resource) {
        Map<Integer, String> m = new HashMap<>();
        try (InputStream in = Names.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                m.putIfAbsent(Integer.parseInt(f[0]), f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
