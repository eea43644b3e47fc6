package io.infrasight.ml.internal;

import io.infrasight.api.status.StatusSection;
import io.infrasight.ml.ModelCatalog;
import io.infrasight.ml.ModelInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Every installed model family's models in one place: the "models" section of status and the web
 * console, and what infrasight:models prints. Families come and go with their bundles.
 */
@Component(service = {StatusSection.class, ModelsOverview.class})
public final class ModelsOverview implements StatusSection {
    static final List<String> COLUMNS = List.of("family", "model", "level", "algorithm", "state", "samples",
            "learning_left_s", "threshold", "scored", "anomalies", "alerts", "trained_at", "note");

    private final List<ModelCatalog> catalogs = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCatalog(ModelCatalog c) {
        catalogs.add(c);
    }

    void unbindCatalog(ModelCatalog c) {
        catalogs.remove(c);
    }

    public List<ModelCatalog> catalogs() {
        List<ModelCatalog> l = new ArrayList<>(catalogs);
        l.sort(Comparator.comparing(ModelCatalog::family));
        return l;
    }

    @Override
    public String id() {
        return "models";
    }

    @Override
    public String title() {
        return "Anomaly models";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (ModelCatalog c : catalogs()) {
            for (ModelInfo m : c.models()) {
                rows.add(List.of(m.family(), m.key(), m.level().label(), m.algorithm(), m.state(), m.samples(),
                        m.learningLeftSeconds(), Double.isNaN(m.threshold()) ? "" : String.format(Locale.ROOT, "%.4f",
                                m.threshold()), m.scored(), m.anomalies(), m.alerts(), m.trainedAt(), m.note()));
            }
        }
        return rows;
    }
}
