package io.infrasight.source.kafka.internal;

import io.infrasight.api.delivery.Acks;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.core.internal.Bus;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in its own JVM, for the SIGKILL test: the Kafka source on the real bus and a file
 * "store" that appends one line per event ({@code id pid kind mono}), forces it to disk and only
 * then acknowledges. Args: bootstrap prefix group storeFile.
 */
public final class ServerProcess {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String prefix = args[1];
        String group = args[2];
        FileOutputStream out = new FileOutputStream(args[3], true);
        KafkaSource source = ServerSide.newSource(bootstrap, prefix, group, 1 << 20);
        Bus bus = new Bus(65536, 1_000_000);
        EventSubscriber store = new EventSubscriber() {
            @Override
            public String id() {
                return "store";
            }

            @Override
            public void onEvents(List<Event> batch) {
                StringBuilder sb = new StringBuilder();
                for (Event e : batch) {
                    sb.append(e.header().context().getString(Acks.EVENT_ID)).append(' ').append(e.header().pid())
                            .append(' ').append(e.kind().id()).append(' ').append(e.header().monoNanos()).append('\n');
                }
                try {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    out.getFD().sync();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                source.acknowledge(id(), new ArrayList<>(batch));
            }
        };
        bus.addSubscriber(store, null, 262144);
        bus.addSource(source);
        System.out.println("server running");
        Thread.sleep(Long.MAX_VALUE);
    }
}
