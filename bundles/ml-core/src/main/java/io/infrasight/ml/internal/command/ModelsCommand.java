package io.infrasight.ml.internal.command;

import io.infrasight.ml.internal.ModelsOverview;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "infrasight", name = "models",
        description = "Lists the anomaly models: state (learning, scoring), samples, thresholds, scored vectors, "
                + "anomalies and alerts, and each family's counters.")
@Service
public class ModelsCommand implements Action {

    @Reference
    private ModelsOverview overview;

    @Option(name = "-f", aliases = "--family", description = "Only this family (resource, syscall)")
    @Completion(value = StringsCompleter.class, values = {"resource", "syscall"})
    private String family;

    @Option(name = "-m", aliases = "--model", description = "Only models whose key contains this")
    private String model;

    @Override
    public Object execute() {
        System.out.print(ModelsView.render(overview.catalogs(), family, model));
        return null;
    }
}
