package io.infrasight.probe.ptrace;

import java.util.Map;

/**
 * ptrace request numbers to names, x86-64 (include/uapi/linux/ptrace.h and
 * arch/x86/include/uapi/asm/ptrace-abi.h). Unknown numbers are named "PTRACE_&lt;number&gt;" so that
 * a rule can still match them.
 */
final class PtraceRequests {
    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0L, "PTRACE_TRACEME"),
            Map.entry(1L, "PTRACE_PEEKTEXT"),
            Map.entry(2L, "PTRACE_PEEKDATA"),
            Map.entry(3L, "PTRACE_PEEKUSR"),
            Map.entry(4L, "PTRACE_POKETEXT"),
            Map.entry(5L, "PTRACE_POKEDATA"),
            Map.entry(6L, "PTRACE_POKEUSR"),
            Map.entry(7L, "PTRACE_CONT"),
            Map.entry(8L, "PTRACE_KILL"),
            Map.entry(9L, "PTRACE_SINGLESTEP"),
            Map.entry(12L, "PTRACE_GETREGS"),
            Map.entry(13L, "PTRACE_SETREGS"),
            Map.entry(14L, "PTRACE_GETFPREGS"),
            Map.entry(15L, "PTRACE_SETFPREGS"),
            Map.entry(16L, "PTRACE_ATTACH"),
            Map.entry(17L, "PTRACE_DETACH"),
            Map.entry(18L, "PTRACE_GETFPXREGS"),
            Map.entry(19L, "PTRACE_SETFPXREGS"),
            Map.entry(24L, "PTRACE_SYSCALL"),
            Map.entry(25L, "PTRACE_GET_THREAD_AREA"),
            Map.entry(26L, "PTRACE_SET_THREAD_AREA"),
            Map.entry(30L, "PTRACE_ARCH_PRCTL"),
            Map.entry(31L, "PTRACE_SYSEMU"),
            Map.entry(32L, "PTRACE_SYSEMU_SINGLESTEP"),
            Map.entry(33L, "PTRACE_SINGLEBLOCK"),
            Map.entry(0x4200L, "PTRACE_SETOPTIONS"),
            Map.entry(0x4201L, "PTRACE_GETEVENTMSG"),
            Map.entry(0x4202L, "PTRACE_GETSIGINFO"),
            Map.entry(0x4203L, "PTRACE_SETSIGINFO"),
            Map.entry(0x4204L, "PTRACE_GETREGSET"),
            Map.entry(0x4205L, "PTRACE_SETREGSET"),
            Map.entry(0x4206L, "PTRACE_SEIZE"),
            Map.entry(0x4207L, "PTRACE_INTERRUPT"),
            Map.entry(0x4208L, "PTRACE_LISTEN"),
            Map.entry(0x4209L, "PTRACE_PEEKSIGINFO"),
            Map.entry(0x420aL, "PTRACE_GETSIGMASK"),
            Map.entry(0x420bL, "PTRACE_SETSIGMASK"),
            Map.entry(0x420cL, "PTRACE_SECCOMP_GET_FILTER"),
            Map.entry(0x420dL, "PTRACE_SECCOMP_GET_METADATA"),
            Map.entry(0x420eL, "PTRACE_GET_SYSCALL_INFO"),
            Map.entry(0x420fL, "PTRACE_GET_RSEQ_CONFIGURATION"),
            Map.entry(0x4210L, "PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG"),
            Map.entry(0x4211L, "PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG"),
            Map.entry(0x4212L, "PTRACE_SET_SYSCALL_INFO"));

    private PtraceRequests() {
    }

    static String name(long request) {
        String n = NAMES.get(request);
        return n != null ? n : "PTRACE_" + request;
    }
}
