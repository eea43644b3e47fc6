package io.infrasight.ops.internal.console;

import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.enrich.EnrichmentStatus;
import io.infrasight.api.status.StatusSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Counters that plugins publish (enricher caches, delivery acknowledgements) as operator-view sections. */
public final class CounterSections {
    private CounterSections() {
    }

    static <T> List<List<Object>> rows(List<T> items, Function<T, String> id, Function<T, Map<String, Long>> counters) {
        List<List<Object>> rows = new ArrayList<>();
        for (T t : items) {
            StringBuilder sb = new StringBuilder();
            try {
                counters.apply(t).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            } catch (RuntimeException e) {
                sb.append("unavailable: ").append(e);
            }
            rows.add(List.of(id.apply(t), sb.toString()));
        }
        return rows;
    }

    /** Enricher caches: sizes, hits, misses, failed lookups by reason. */
    @Component(service = StatusSection.class)
    public static final class Enrichment implements StatusSection {
        @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
                policyOption = ReferencePolicyOption.GREEDY)
        private final List<EnrichmentStatus> statuses = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "enrichment";
        }

        @Override
        public String title() {
            return "Enrichment caches";
        }

        @Override
        public List<String> columns() {
            return List.of("Enricher", "Counters");
        }

        @Override
        public List<List<Object>> rows() {
            return CounterSections.rows(List.copyOf(statuses), EnrichmentStatus::id, EnrichmentStatus::counters);
        }
    }

    /** Transports and stores: acknowledgements, spools, retries. */
    @Component(service = StatusSection.class)
    public static final class Delivery implements StatusSection {
        @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
                policyOption = ReferencePolicyOption.GREEDY)
        private final List<CounterSource> sources = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "delivery";
        }

        @Override
        public String title() {
            return "Transports and stores";
        }

        @Override
        public List<String> columns() {
            return List.of("Component", "Counters");
        }

        @Override
        public List<List<Object>> rows() {
            return CounterSections.rows(List.copyOf(sources), CounterSource::id, CounterSource::counters);
        }
    }
}
