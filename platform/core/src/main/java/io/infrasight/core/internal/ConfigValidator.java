package io.infrasight.core.internal;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every configuration of ours ({@code io.infrasight.*}) against its metatype definition when
 * it is created or changed, and reports bad values, naming PID, property and reason, in the log and
 * in status. Components still fall back to defaults on their own; this makes the mistake visible.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConfigValidator implements ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigValidator.class);
    private static final String OUR_PREFIX = "io.infrasight.";

    private final BundleContext context;
    private final MetaTypeService metaType;
    private final ConfigurationAdmin configAdmin;
    private final ConfigProblems problems;
    private final Thread initial;

    @Activate
    public ConfigValidator(BundleContext context, @Reference MetaTypeService metaType,
            @Reference ConfigurationAdmin configAdmin, @Reference ConfigProblems problems) {
        this.context = context;
        this.metaType = metaType;
        this.configAdmin = configAdmin;
        this.problems = problems;
        // Configurations that exist before we start get no event: check them once, off the SCR thread.
        this.initial = new Thread(this::validateAll, "infrasight-config-validator");
        initial.setDaemon(true);
        initial.start();
    }

    @Deactivate
    void deactivate() {
        initial.interrupt();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (!pid.startsWith(OUR_PREFIX)) {
            return;
        }
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            problems.report(key(pid), List.of());
            return;
        }
        try {
            Configuration c = configAdmin.getConfiguration(pid, "?");
            validate(c);
        } catch (Exception e) {
            LOG.warn("Could not validate configuration {}", pid, e);
        }
    }

    private void validateAll() {
        try {
            Configuration[] all = configAdmin.listConfigurations("(service.pid=" + OUR_PREFIX + "*)");
            if (all != null) {
                for (Configuration c : all) {
                    validate(c);
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not validate existing configurations", e);
        }
    }

    private static String key(String pid) {
        return "metatype:" + pid;
    }

    void validate(Configuration c) {
        Dictionary<String, Object> props = c.getProperties();
        if (props == null) {
            return;
        }
        String pid = c.getPid();
        String lookup = c.getFactoryPid() != null ? c.getFactoryPid() : pid;
        ObjectClassDefinition ocd = findDefinition(lookup);
        if (ocd == null) {
            return;
        }
        List<ConfigProblem> found = new ArrayList<>();
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                Object value = props.get(ad.getID());
                if (value == null) {
                    continue;
                }
                Object[] values = value.getClass().isArray() ? toArray(value) : new Object[] {value};
                for (Object v : values) {
                    String reason = check(ad, String.valueOf(v));
                    if (reason != null) {
                        found.add(new ConfigProblem(pid, ad.getID(), String.valueOf(v),
                                reason + "; the component uses its default instead"));
                    }
                }
            }
        }
        problems.report(key(pid), found);
    }

    private static Object[] toArray(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = java.lang.reflect.Array.get(array, i);
        }
        return out;
    }

    /** Returns why the value is bad, or null when it is fine. */
    static String check(AttributeDefinition ad, String v) {
        String t = v.trim();
        try {
            switch (ad.getType()) {
                case AttributeDefinition.INTEGER -> Integer.parseInt(t);
                case AttributeDefinition.LONG -> Long.parseLong(t);
                case AttributeDefinition.SHORT -> Short.parseShort(t);
                case AttributeDefinition.BYTE -> Byte.parseByte(t);
                case AttributeDefinition.DOUBLE -> Double.parseDouble(t);
                case AttributeDefinition.FLOAT -> Float.parseFloat(t);
                case AttributeDefinition.BOOLEAN -> {
                    if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                        return "is not a boolean (true or false)";
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException e) {
            return "is not a valid " + typeName(ad.getType());
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && !List.of(options).contains(t)) {
            return "is not one of " + String.join(", ", options);
        }
        String r = ad.validate(t);
        return r == null || r.isEmpty() ? null : r;
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.LONG -> "long integer";
            case AttributeDefinition.SHORT -> "short integer";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "number";
            default -> "value";
        };
    }

    private ObjectClassDefinition findDefinition(String pid) {
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation mti = metaType.getMetaTypeInformation(b);
            if (mti == null) {
                continue;
            }
            if (contains(mti.getPids(), pid) || contains(mti.getFactoryPids(), pid)) {
                return mti.getObjectClassDefinition(pid, null);
            }
        }
        return null;
    }

    private static boolean contains(String[] arr, String s) {
        if (arr != null) {
            for (String a : arr) {
                if (a.equals(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
