package io.infrasight.enrich.container.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unix-socket server standing in for a container engine: answers each request with a fixed
 * reply, or (reply == null) accepts and never answers, like an engine that hangs.
 */
final class FakeEngine implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread thread;
    private final List<SocketChannel> held = new ArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final List<String> targets = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeEngine(Path path, String reply) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        thread = new Thread(() -> serve(reply), "fake-engine");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(String reply) {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                requests.incrementAndGet();
                ByteBuffer in = ByteBuffer.allocate(8192);
                StringBuilder req = new StringBuilder();
                while (!req.toString().contains("\r\n\r\n") && c.read(in) > 0) {
                    in.flip();
                    req.append(StandardCharsets.US_ASCII.decode(in));
                    in.clear();
                }
                targets.add(req.toString().split(" ")[1]);
                if (reply == null) {
                    synchronized (held) {
                        held.add(c); // never answer, never close
                    }
                    continue;
                }
                c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
                c.close();
            } catch (IOException e) {
                return;
            }
        }
    }

    static String ok(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n" + json;
    }

    @Override
    public void close() throws Exception {
        server.close();
        synchronized (held) {
            for (SocketChannel c : held) {
                c.close();
            }
        }
        thread.join(5000);
        Files.deleteIfExists(path);
    }
}
