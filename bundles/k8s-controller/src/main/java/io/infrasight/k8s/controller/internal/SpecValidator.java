package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSetSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a spec before anything is applied, so that a bad spec is rejected as a whole with the field
 * named, instead of leaving a half-updated DaemonSet behind.
 */
final class SpecValidator {
    /** One rejected field, named as in the resource (spec.probes[2]). */
    record Invalid(String field, String reason) {
        String message() {
            return field + ": " + reason;
        }
    }

    // host:port, comma separated; hosts as DNS names, IPv4 or bracketed IPv6
    private static final Pattern BOOTSTRAP = Pattern.compile(
            "(([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5})(,([A-Za-z0-9]([A-Za-z0-9.-]*"
                    + "[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5})*");
    // a loose reference check: no spaces, no scheme, lower-case repository path, optional tag and digest
    private static final Pattern IMAGE = Pattern.compile(
            "[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(@sha256:[a-f0-9]{64})?");
    private static final Set<String> OPERATORS = Set.of("Exists", "Equal");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private SpecValidator() {
    }

    static List<Invalid> validate(EbpfDaemonSetSpec spec, AgentDefaults defaults) {
        List<Invalid> out = new ArrayList<>();
        if (spec == null) {
            out.add(new Invalid("spec", "required"));
            return out;
        }
        String image = spec.getImage();
        if (image == null || image.isBlank()) {
            if (defaults.image().isEmpty()) {
                out.add(new Invalid("spec.image", "required (the controller has no default.image)"));
            }
        } else if (!IMAGE.matcher(image).matches()) {
            out.add(new Invalid("spec.image", "'" + image + "' is not an image reference"));
        }
        String kafka = spec.getKafkaBootstrapServers();
        if (kafka == null || kafka.isBlank()) {
            if (defaults.kafka().isEmpty()) {
                out.add(new Invalid("spec.kafkaBootstrapServers", "required (the controller has no default.kafka)"));
            }
        } else if (!BOOTSTRAP.matcher(kafka).matches()) {
            out.add(new Invalid("spec.kafkaBootstrapServers", "'" + kafka + "' is not host:port[,host:port]"));
        }
        List<String> probes = spec.getProbes();
        if (probes != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < probes.size(); i++) {
                String p = probes.get(i);
                if (p == null || !Probes.ALL.contains(p)) {
                    out.add(new Invalid("spec.probes[" + i + "]", "'" + p + "' is not one of " + Probes.ALL));
                } else if (!seen.add(p)) {
                    out.add(new Invalid("spec.probes[" + i + "]", "'" + p + "' is listed twice"));
                }
            }
        }
        Integer port = spec.getMetricsPort();
        if (port != null && (port < 1 || port > 65535)) {
            out.add(new Invalid("spec.metricsPort", port + " is not a port (1-65535)"));
        }
        Map<String, String> selector = spec.getNodeSelector();
        if (selector != null) {
            selector.forEach((k, v) -> {
                if (k == null || k.isBlank() || v == null) {
                    out.add(new Invalid("spec.nodeSelector", "keys and values must be non-empty strings"));
                }
            });
        }
        List<Toleration> tolerations = spec.getTolerations();
        if (tolerations != null) {
            for (int i = 0; i < tolerations.size(); i++) {
                Toleration t = tolerations.get(i);
                if (t.getOperator() != null && !OPERATORS.contains(t.getOperator())) {
                    out.add(new Invalid("spec.tolerations[" + i + "].operator", "'" + t.getOperator()
                            + "' is not Exists or Equal"));
                }
                if (t.getEffect() != null && !t.getEffect().isEmpty() && !EFFECTS.contains(t.getEffect())) {
                    out.add(new Invalid("spec.tolerations[" + i + "].effect", "'" + t.getEffect()
                            + "' is not one of " + EFFECTS));
                }
            }
        }
        ResourceRequirements resources = spec.getResources();
        if (resources != null) {
            quantities("spec.resources.requests", resources.getRequests(), out);
            quantities("spec.resources.limits", resources.getLimits(), out);
        }
        return out;
    }

    private static void quantities(String field, Map<String, Quantity> values, List<Invalid> out) {
        if (values == null) {
            return;
        }
        values.forEach((name, q) -> {
            try {
                if (q == null || q.getNumericalAmount().signum() < 0) {
                    out.add(new Invalid(field + "." + name, "must be a non-negative quantity"));
                }
            } catch (IllegalArgumentException e) {
                out.add(new Invalid(field + "." + name, "'" + q + "' is not a quantity"));
            }
        });
    }
}
