package io.infrasight.sentinel.internal.command;

import io.infrasight.sentinel.SentinelStatus;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "infrasight", name = "rules",
        description = "Lists Sentinel's rules with evaluation counters and time, rule packs, and rejected rules.")
@Service
public class RulesCommand implements Action {

    @Reference
    private SentinelStatus sentinel;

    @Option(name = "-r", aliases = "--rule", description = "Only rules whose id contains this")
    private String rule;

    @Option(name = "-s", aliases = "--sort", description = "Sort by: id, evals, matches, alerts, time")
    private String sort = "id";

    @Override
    public Object execute() {
        System.out.print(RulesCommandView.render(sentinel, rule, sort));
        return null;
    }
}
