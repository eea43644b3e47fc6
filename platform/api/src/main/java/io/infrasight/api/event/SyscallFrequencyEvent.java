package io.infrasight.api.event;

/** Syscall counts of one process over one interval, by syscall number. */
public record SyscallFrequencyEvent(EventHeader header, long intervalNs, java.util.Map<Integer, Long> counts) implements Event {
    public SyscallFrequencyEvent {
        Event.checkKind(header, EventKind.SYSCALL_FREQUENCY);
        counts = counts == null ? java.util.Map.of() : java.util.Map.copyOf(counts);
    }

    @Override
    public SyscallFrequencyEvent withHeader(EventHeader h) {
        return new SyscallFrequencyEvent(h, intervalNs, counts);
    }
}
