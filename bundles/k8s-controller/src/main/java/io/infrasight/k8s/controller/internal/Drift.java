package io.infrasight.k8s.controller.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether an object in the cluster still carries everything the controller wants in it. A subset
 * comparison: the API server fills in defaults (dnsPolicy, terminationMessagePath, ...) that a plain
 * equals would call drift on every pass; a hand edit of anything the controller sets is caught, and
 * so is an added list element (lists must match in length).
 */
final class Drift {
    private Drift() {
    }

    /** The first path where {@code actual} lacks or differs from {@code desired}, or null. */
    static String firstDifference(Object desired, Object actual) {
        JsonNode d = Serialization.jsonMapper().valueToTree(desired);
        JsonNode a = Serialization.jsonMapper().valueToTree(actual);
        return diff("", d, a);
    }

    private static String diff(String path, JsonNode desired, JsonNode actual) {
        if (desired == null || desired.isNull()) {
            return null;
        }
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            return path.isEmpty() ? "/" : path;
        }
        if (desired.isObject()) {
            if (!actual.isObject()) {
                return path;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = diff(path + "/" + e.getKey(), e.getValue(), actual.get(e.getKey()));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (desired.isArray()) {
            if (!actual.isArray() || actual.size() != desired.size()) {
                return path;
            }
            for (int i = 0; i < desired.size(); i++) {
                String d = diff(path + "/" + i, desired.get(i), actual.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        String d = desired.asText();
        String a = actual.asText();
        return d.equals(a) || sameQuantity(d, a) ? null : path;
    }

    /**
     * The API server canonicalises quantities ("0.5" comes back as "500m", "1024Mi" as "1Gi"); without
     * this every pass would see drift in spec.resources and rewrite the DaemonSet.
     */
    static boolean sameQuantity(String desired, String actual) {
        if (desired.isEmpty() || actual.isEmpty() || !Character.isDigit(desired.charAt(0) == '.' ? '0' : desired.charAt(0))
                || !Character.isDigit(actual.charAt(0) == '.' ? '0' : actual.charAt(0))) {
            return false;
        }
        try {
            return new Quantity(desired).getNumericalAmount().compareTo(new Quantity(actual).getNumericalAmount()) == 0;
        } catch (RuntimeException notAQuantity) {
            return false;
        }
    }
}
