package io.infrasight.source.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.delivery.AckReceiver;
import io.infrasight.api.delivery.Acks;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.Event;
import io.infrasight.api.json.EventJson;
import io.infrasight.api.spi.EventBus;
import io.infrasight.api.spi.EventSubscriber;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Both bundles in a real Felix with SCR, Config Admin and the core bus, against a real broker:
 * the embedded kafka-clients resolves and creates its clients inside OSGi, the sink sends what the
 * bus publishes, the source publishes onto the bus, and a subscriber's acknowledgements reach the
 * source through the AckReceiver service.
 */
class KafkaBundlesIT {
    /**
     * The API's own Export-Package, read from its built manifest (as itests/wiring does), so the
     * versions exported here follow the API's package-info files instead of being pinned here.
     */
    private static final String SHARED = io.infrasight.bpf.testkit.Exports.of(io.infrasight.api.event.Event.class) + ","
            // Config Admin's API from the class path too, so the test and the bundles share its classes
            + "org.osgi.service.cm;version=1.6.0";

    @TempDir
    Path home;
    private Framework fw;
    private KafkaBroker broker;
    private java.util.concurrent.CompletableFuture<Void> brokerUp;

    @BeforeEach
    void start() throws Exception {
        broker = new KafkaBroker("osgi");
        // the broker's format and start (seconds) overlap with the framework's start and the installs
        brokerUp = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                broker.start();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        System.setProperty("karaf.data", home.resolve("data").toString());
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, home.resolve("felix").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED);
        fw = new FrameworkFactory().newFramework(config);
        fw.start();
        List<Bundle> installed = new ArrayList<>();
        for (String jar : System.getProperty("bundles").split(",")) {
            installed.add(ctx().installBundle(new File(jar).toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        brokerUp.get(240, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (fw != null) {
            fw.stop();
            fw.waitForStop(30_000);
        }
        if (broker != null) {
            try {
                brokerUp.get(240, TimeUnit.SECONDS); // a start still running would outlive the stop
            } catch (Exception startFailed) {
                // stop anyway: start.sh may have left a process behind
            }
            broker.close();
        }
    }

    private BundleContext ctx() {
        return fw.getBundleContext();
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> t = filter == null ? new ServiceTracker<>(ctx(), type, null)
                : new ServiceTracker<>(ctx(), ctx().createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"),
                        null);
        t.open();
        T s = t.waitForService(TimeUnit.SECONDS.toMillis(30));
        if (s == null) {
            throw new AssertionError("no " + type.getName() + " service; bundles: " + java.util.Arrays
                    .stream(ctx().getBundles()).map(b -> b.getSymbolicName() + ":" + b.getState()).toList());
        }
        return s;
    }

    @Test
    void sinkAndSourceBundlesMoveEventsThroughARealBrokerInsideOsgi() throws Exception {
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        Configuration sinkCfg = cm.getConfiguration("io.infrasight.sink.kafka", "?");
        Hashtable<String, Object> sp = new Hashtable<>();
        sp.put("bootstrap.servers", broker.bootstrap());
        sp.put("topic.prefix", "osgisink");
        sp.put("spool.directory", home.resolve("spool").toString());
        sinkCfg.update(sp);
        Configuration srcCfg = cm.getConfiguration("io.infrasight.source.kafka", "?");
        Hashtable<String, Object> cp = new Hashtable<>();
        cp.put("bootstrap.servers", broker.bootstrap());
        cp.put("topic.prefix", "osgisrc");
        cp.put("ack.subscribers", new String[] {"it-store"});
        srcCfg.update(cp);

        // agent half: the bus publishes, the sink bundle sends to osgisink.events.open
        CounterSource sinkCounters = service(CounterSource.class, "(!(objectClass=" + AckReceiver.class.getName() + "))");
        EventBus bus = service(EventBus.class, null);
        bus.publisher("it").publish(List.of(Streams.event(1), Streams.event(3), Streams.event(5)));
        assertTrue(Streams.await(() -> sinkCounters.counters().get("sent") >= 3, 60), sinkCounters.counters().toString());
        List<String> sent = readValues("osgisink.events.open", 3);
        assertEquals(3, sent.size());
        assertTrue(sent.get(0).startsWith("{\"schema\":1,") && sent.get(0).contains("\"id\":\""), sent.get(0));

        // server half: records on osgisrc.events.open reach a subscriber, which acknowledges them
        AckReceiver acks = service(AckReceiver.class, null);
        List<Event> got = new CopyOnWriteArrayList<>();
        ctx().registerService(EventSubscriber.class, new EventSubscriber() {
            @Override
            public String id() {
                return "it-store";
            }

            @Override
            public void onEvents(List<Event> batch) {
                got.addAll(batch);
                acks.acknowledge(id(), batch);
            }
        }, null);
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        try (KafkaProducer<String, String> raw = new KafkaProducer<>(p)) {
            String json = new EventJson().toJson(Streams.event(7));
            raw.send(new ProducerRecord<>("osgisrc.events.open", "node-test:1007",
                    json.substring(0, json.length() - 1) + ",\"id\":\"osgi-7\"}")).get();
        }
        assertTrue(Streams.await(() -> got.stream().anyMatch(e -> "osgi-7".equals(
                e.header().context().getString(Acks.EVENT_ID))), 90), "the source bundle published the record");
        CounterSource srcCounters = service(CounterSource.class, "(objectClass=" + AckReceiver.class.getName() + ")");
        assertTrue(Streams.await(() -> srcCounters.counters().get("pending_acks") == 0
                && srcCounters.counters().get("commits") >= 1, 30), srcCounters.counters().toString());
        // the sink ignored the event that came from Kafka instead of sending it back
        assertTrue(Streams.await(() -> sinkCounters.counters().get("skipped_from_kafka") >= 1, 30),
                sinkCounters.counters().toString());
    }

    private List<String> readValues(String topic, int n) {
        Properties c = new Properties();
        c.put("bootstrap.servers", broker.bootstrap());
        c.put("group.id", "it-reader");
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        c.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (out.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
