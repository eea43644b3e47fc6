package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches EbpfDaemonSets and the DaemonSets/ConfigMaps it manages, and reconciles on one thread of its
 * own. Keys are queued once however many events name them (a set, bounded by the number of resources),
 * so that a burst of watch events costs one pass.
 */
final class Controller {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Reconciler reconciler;
    private final long resyncMillis;
    private final Set<String> pending = new LinkedHashSet<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private Thread worker;
    private volatile boolean running;

    Controller(KubernetesClient client, String namespace, AgentDefaults defaults, long resyncMillis) {
        this.client = client;
        this.namespace = namespace;
        this.reconciler = new Reconciler(client, namespace, defaults);
        this.resyncMillis = resyncMillis;
    }

    synchronized void start() {
        running = true;
        worker = new Thread(this::work, "infrasight-k8s-reconciler");
        worker.setDaemon(true);
        worker.start();
        try {
            informers.add(client.resources(EbpfDaemonSet.class).inNamespace(namespace)
                    .inform(handler(cr -> enqueue(cr.getMetadata().getName())), resyncMillis));
            // Hand edits and deletions of what we manage come through these; the owner is the key.
            informers.add(client.apps().daemonSets().inNamespace(namespace)
                    .withLabel(AgentResources.MANAGED_BY, AgentResources.MANAGER).inform(handler(this::enqueueOwner), 0));
            informers.add(client.configMaps().inNamespace(namespace)
                    .withLabel(AgentResources.MANAGED_BY, AgentResources.MANAGER).inform(handler(this::enqueueOwner), 0));
        } catch (RuntimeException e) {
            stop(); // no half-started controller: the caller retries the whole start
            throw e;
        }
        LOG.info("EbpfDaemonSet controller watching namespace {}", namespace);
    }

    synchronized void stop() {
        running = false;
        for (SharedIndexInformer<?> i : informers) {
            i.stop();
        }
        informers.clear();
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    Map<String, Long> counters() {
        return Map.of("events", events.get(), "reconciles", reconciler.passes.get(),
                "repaired", reconciler.repaired.get(), "invalid", reconciler.invalid.get(),
                "failures", reconciler.failures.get());
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onAny) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onAny.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onAny.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onAny.accept(obj);
            }
        };
    }

    private void enqueueOwner(HasMetadata owned) {
        for (OwnerReference ref : owned.getMetadata().getOwnerReferences()) {
            if ("EbpfDaemonSet".equals(ref.getKind())) {
                enqueue(ref.getName());
                return;
            }
        }
        String instance = owned.getMetadata().getLabels() == null ? null
                : owned.getMetadata().getLabels().get(AgentResources.INSTANCE);
        if (instance != null) {
            enqueue(instance); // the owner reference was edited away: the label still names the owner
        }
    }

    private void enqueue(String name) {
        events.incrementAndGet();
        synchronized (pending) {
            pending.add(name);
            pending.notifyAll();
        }
    }

    private void work() {
        while (running) {
            String name;
            synchronized (pending) {
                while (pending.isEmpty() && running) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                name = pending.iterator().next();
                pending.remove(name);
            }
            try {
                Reconciler.Outcome outcome = reconciler.reconcile(name);
                if (outcome == Reconciler.Outcome.FAILED) {
                    retryLater(name);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stop() interrupted a call in flight
                }
                LOG.warn("Reconciling EbpfDaemonSet {}/{} failed", namespace, name, e);
                retryLater(name);
            }
        }
    }

    private void retryLater(String name) {
        // A failed pass is retried after a pause rather than at once, so that an API outage is not hammered.
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        enqueue(name);
    }
}
