package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSetStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass for one EbpfDaemonSet: validate, make the DaemonSet and ConfigMap match, write status.
 * Idempotent, so that the controller can call it on any event and on every resync.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    enum Outcome { DELETED, INVALID, CREATED, REPAIRED, UNCHANGED, FAILED }

    private final KubernetesClient client;
    private final String namespace;
    private final AgentDefaults defaults;
    final AtomicLong passes = new AtomicLong();
    final AtomicLong repaired = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    Reconciler(KubernetesClient client, String namespace, AgentDefaults defaults) {
        this.client = client;
        this.namespace = namespace;
        this.defaults = defaults;
    }

    Outcome reconcile(String name) {
        passes.incrementAndGet();
        EbpfDaemonSet owner;
        try {
            owner = client.resources(EbpfDaemonSet.class).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            failures.incrementAndGet();
            LOG.warn("Reading EbpfDaemonSet {}/{} failed: {}", namespace, name, e.getMessage());
            return Outcome.FAILED;
        }
        if (owner == null || owner.getMetadata().getDeletionTimestamp() != null) {
            deleteOwned(name);
            return Outcome.DELETED;
        }
        List<SpecValidator.Invalid> problems = SpecValidator.validate(owner.getSpec(), defaults);
        if (!problems.isEmpty()) {
            invalid.incrementAndGet();
            String message = problems.stream().map(SpecValidator.Invalid::message).collect(Collectors.joining("; "));
            writeStatus(owner, null, false, "InvalidSpec", message, "Applied", "False", "InvalidSpec",
                    "nothing was changed: " + message);
            return Outcome.INVALID;
        }
        try {
            ConfigMap wantMap = AgentResources.configMap(owner, defaults);
            DaemonSet wantSet = AgentResources.daemonSet(owner, defaults);
            Outcome mapOutcome = apply(wantMap, client.configMaps().inNamespace(namespace)
                    .withName(wantMap.getMetadata().getName()).get());
            DaemonSet current = client.apps().daemonSets().inNamespace(namespace)
                    .withName(wantSet.getMetadata().getName()).get();
            Outcome setOutcome = apply(wantSet, current);
            DaemonSet live = setOutcome == Outcome.UNCHANGED ? current
                    : client.apps().daemonSets().inNamespace(namespace).withName(wantSet.getMetadata().getName()).get();
            writeStatus(owner, live, true, "SpecAccepted", "", "Applied", "True", "InSync",
                    "DaemonSet " + wantSet.getMetadata().getName() + " and ConfigMap " + wantMap.getMetadata().getName()
                            + " match the spec");
            if (setOutcome == Outcome.CREATED || mapOutcome == Outcome.CREATED) {
                return Outcome.CREATED;
            }
            return setOutcome == Outcome.REPAIRED || mapOutcome == Outcome.REPAIRED ? Outcome.REPAIRED
                    : Outcome.UNCHANGED;
        } catch (KubernetesClientException e) {
            failures.incrementAndGet();
            String message = "applying failed: " + e.getMessage();
            LOG.warn("EbpfDaemonSet {}/{}: {}", namespace, name, message);
            try {
                writeStatus(owner, null, true, "SpecAccepted", "", "Applied", "False", "ApplyFailed", message);
            } catch (KubernetesClientException again) {
                LOG.debug("Status update failed too", again);
            }
            return Outcome.FAILED;
        }
    }

    /** Creates the object, or puts the controller's fields back where the live one differs. */
    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> Outcome apply(T desired, T current) {
        if (current == null) {
            client.resource(desired).create();
            return Outcome.CREATED;
        }
        String where = Drift.firstDifference(desired, current);
        if (where == null) {
            return Outcome.UNCHANGED;
        }
        LOG.info("{} {}/{} drifted at {}; restoring it", desired.getKind(), namespace,
                desired.getMetadata().getName(), where);
        // Update from the live object's resource version: a concurrent edit then fails the update and the
        // next pass sees it, instead of overwriting blindly.
        desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        client.resource(desired).update();
        repaired.incrementAndGet();
        return Outcome.REPAIRED;
    }

    private void deleteOwned(String name) {
        // Owner references let the cluster's garbage collector do this too; doing it here makes deletion
        // not depend on it (and works where no collector runs, as in the mock server).
        client.apps().daemonSets().inNamespace(namespace).withName(AgentResources.daemonSetName(name)).delete();
        client.configMaps().inNamespace(namespace).withName(AgentResources.configMapName(name)).delete();
    }

    private void writeStatus(EbpfDaemonSet owner, DaemonSet live, boolean valid, String validReason,
            String validMessage, String appliedType, String appliedStatus, String appliedReason, String appliedMessage) {
        Long generation = owner.getMetadata().getGeneration();
        EbpfDaemonSetStatus old = owner.getStatus() == null ? new EbpfDaemonSetStatus() : owner.getStatus();
        EbpfDaemonSetStatus status = new EbpfDaemonSetStatus();
        status.setObservedGeneration(generation);
        if (live != null && live.getStatus() != null) {
            status.setDesiredNodes(zero(live.getStatus().getDesiredNumberScheduled()));
            status.setReadyNodes(zero(live.getStatus().getNumberReady()));
        } else if (live != null) {
            status.setDesiredNodes(0);
            status.setReadyNodes(0);
        } else {
            status.setDesiredNodes(old.getDesiredNodes());
            status.setReadyNodes(old.getReadyNodes());
        }
        boolean ok = valid && "True".equals(appliedStatus);
        status.setLastError(ok ? null : (valid ? appliedMessage : validMessage));
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(old, "Valid", valid ? "True" : "False", validReason,
                valid ? "the spec was accepted" : validMessage, generation));
        conditions.add(condition(old, appliedType, appliedStatus, appliedReason, appliedMessage, generation));
        int desired = zero(status.getDesiredNodes());
        int ready = zero(status.getReadyNodes());
        boolean allReady = ok && desired > 0 && ready == desired;
        conditions.add(condition(old, "Ready", allReady ? "True" : "False", allReady ? "AllNodesReady"
                : "NodesNotReady", ready + " of " + desired + " nodes ready", generation));
        status.setConditions(conditions);
        if (sameStatus(old, status)) {
            return; // no write: a status write would wake every watcher for nothing
        }
        client.resources(EbpfDaemonSet.class).inNamespace(namespace).withName(owner.getMetadata().getName())
                .editStatus(cr -> {
                    cr.setStatus(status);
                    return cr;
                });
    }

    private static Condition condition(EbpfDaemonSetStatus old, String type, String status, String reason,
            String message, Long generation) {
        // keep the transition time while the status stays the same, as Kubernetes conditions do
        String since = old.getConditions() == null ? null : old.getConditions().stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(null);
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since != null ? since : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
    }

    private static boolean sameStatus(EbpfDaemonSetStatus a, EbpfDaemonSetStatus b) {
        return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(a.getDesiredNodes(), b.getDesiredNodes())
                && Objects.equals(a.getReadyNodes(), b.getReadyNodes())
                && Objects.equals(a.getLastError(), b.getLastError())
                && Objects.equals(a.getConditions(), b.getConditions());
    }

    private static int zero(Integer v) {
        return v == null ? 0 : v;
    }
}
