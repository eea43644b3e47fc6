package io.infrasight.ops.internal.command;

import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.render.StatusText;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "infrasight", name = "probes",
        description = "Lists event sources (probes) with their state, reason, rate and counters.")
@Service
public class ProbesCommand implements Action {

    @Reference
    private StatusService status;

    @Override
    public Object execute() {
        System.out.print(StatusText.probes(status.status()));
        return null;
    }
}
