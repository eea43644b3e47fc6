package io.infrasight.ops.internal.command;

import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.render.StatusText;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "infrasight", name = "status",
        description = "Shows sources, enrichers, subscribers (delivered, queue depth, drops by reason) "
                + "and configuration problems.")
@Service
public class StatusCommand implements Action {

    @Reference
    private StatusService status;

    @Override
    public Object execute() {
        System.out.print(StatusText.status(status.status()));
        return null;
    }
}
