package io.infrasight.api.event;

/** A program was executed (execve/execveat). {@code retval} is the syscall result. */
public record ExecEvent(EventHeader header, String filename, java.util.List<String> argv, boolean argvTruncated, String cwd, boolean exeMemfd, boolean exeDeleted) implements Event {
    public ExecEvent {
        Event.checkKind(header, EventKind.EXEC);
        filename = filename == null ? "" : filename;
        argv = argv == null ? java.util.List.of() : java.util.List.copyOf(argv);
        cwd = cwd == null ? "" : cwd;
    }

    @Override
    public ExecEvent withHeader(EventHeader h) {
        return new ExecEvent(h, filename, argv, argvTruncated, cwd, exeMemfd, exeDeleted);
    }
}
