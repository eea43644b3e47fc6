package io.infrasight.ops.internal.framework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports bundle states and installed features. Karaf's FeaturesService and ConfigurationAdmin are
 * optional: without them the framework part still works and features are reported as unavailable.
 */
@Component(service = FrameworkInspector.class)
public final class FrameworkInspector {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkInspector.class);
    static final String FEATURES_PID = "org.apache.karaf.features";

    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeaturesService features;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

    @Activate
    public FrameworkInspector(BundleContext context) {
        this.context = context;
    }

    public FrameworkStatus snapshot() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : new String[] {"ACTIVE", "RESOLVED", "INSTALLED", "STARTING", "STOPPING", "UNINSTALLED"}) {
            counts.put(s, 0);
        }
        List<BundleInfo> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String state = stateName(b.getState());
            counts.merge(state, 1, Integer::sum);
            if (b.getState() != Bundle.ACTIVE) {
                boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
                String name = b.getSymbolicName() == null ? b.getLocation() : b.getSymbolicName();
                notActive.add(new BundleInfo(b.getBundleId(), name, b.getVersion().toString(), state, fragment));
            }
        }
        FeaturesService fs = features;
        if (fs == null) {
            return new FrameworkStatus(counts, notActive, false, List.of());
        }
        return new FrameworkStatus(counts, notActive, true, features(fs));
    }

    private List<FeatureInfo> features(FeaturesService fs) {
        Set<String> boot = BootFeatures.parse(bootProperty());
        List<FeatureInfo> out = new ArrayList<>();
        try {
            for (Feature f : fs.listInstalledFeatures()) {
                boolean isBoot = boot.contains(f.getName());
                if (isBoot || f.getName().startsWith("infrasight")) {
                    out.add(new FeatureInfo(f.getName(), f.getVersion(), isBoot, fs.isRequired(f)));
                }
            }
        } catch (Exception e) {
            LOG.debug("Cannot list features: {}", e.toString());
        }
        out.sort(Comparator.comparing(FeatureInfo::name).thenComparing(FeatureInfo::version));
        return out;
    }

    private Object bootProperty() {
        ConfigurationAdmin ca = configAdmin;
        if (ca == null) {
            return null;
        }
        try {
            // listConfigurations, not getConfiguration: the latter would create and bind Karaf's PID to us.
            Configuration[] found = ca.listConfigurations("(service.pid=" + FEATURES_PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return null;
            }
            return found[0].getProperties().get("featuresBoot");
        } catch (Exception e) {
            LOG.debug("Cannot read featuresBoot: {}", e.toString());
            return null;
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }
}
