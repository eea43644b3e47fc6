package io.infrasight.ops.internal.command;

import io.infrasight.api.event.EventKind;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes event kind ids. */
@Service
public class KindCompleter implements Completer {
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (EventKind k : EventKind.values()) {
            delegate.getStrings().add(k.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
