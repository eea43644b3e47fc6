package io.infrasight.ml.resource;

import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.ml.ModelCatalog;
import java.util.Map;
import io.infrasight.ml.ModelFamilyComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Resource-usage anomaly models on the bus: only resource events reach this detector. Configuration: ModelConfig. */
@Component(service = {Detector.class, ModelCatalog.class, CounterSource.class}, configurationPid = ResourceModels.PID,
        property = Detector.KINDS + "=RESOURCE")
public final class ResourceModels extends ModelFamilyComponent {
    public static final String PID = "io.infrasight.ml.resource";

    @Activate
    public ResourceModels(Map<String, Object> config, @Reference ConfigProblems problems) {
        super(PID, new ResourceFeatures(), config, problems);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    public String id() {
        return "ml-resource";
    }
}
