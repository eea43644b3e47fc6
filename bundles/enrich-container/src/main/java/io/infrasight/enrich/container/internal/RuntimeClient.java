package io.infrasight.enrich.container.internal;

import io.infrasight.api.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks a Docker-compatible engine API (docker, and podman's compatibility API) on a unix socket
 * for a container's name, image and labels. Every step (connect, write, read) runs against one
 * deadline on a non-blocking channel, so a runtime that hangs costs at most the timeout, and an
 * answer that is not the JSON we expect is a counted failure, never an exception.
 */
final class RuntimeClient {
    private static final int MAX_RESPONSE = 4 * 1024 * 1024;

    /** Name, image and labels, or the reason there are none (socket_absent, socket_timeout, ...). */
    record Details(String name, String image, Map<String, String> labels, String failure) {
        static Details failed(String why) {
            return new Details(null, null, null, why);
        }
    }

    Details inspect(Path socket, String id, long timeoutMillis) {
        if (!Files.exists(socket)) {
            return Details.failed("socket_absent");
        }
        byte[] raw;
        try {
            raw = get(socket, "/containers/" + id + "/json", timeoutMillis);
        } catch (TimeoutException e) {
            return Details.failed("socket_timeout");
        } catch (IOException e) {
            return Details.failed("socket_io");
        }
        return parse(raw);
    }

    static Details parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headerEnd < 0 || text.length() < 12) {
            return Details.failed("socket_garbage");
        }
        int status;
        try {
            status = Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return Details.failed("socket_garbage");
        }
        if (status == 404) {
            return Details.failed("not_found");
        }
        if (status != 200) {
            return Details.failed("http_status");
        }
        String headers = text.substring(0, headerEnd).toLowerCase();
        byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        if (headers.contains("transfer-encoding: chunked")) {
            body = dechunk(body);
            if (body == null) {
                return Details.failed("socket_garbage");
            }
        }
        try {
            Object json = JsonValues.parse(new String(body, StandardCharsets.UTF_8));
            if (!(json instanceof Map<?, ?> m)) {
                return Details.failed("socket_garbage");
            }
            String name = m.get("Name") instanceof String n ? (n.startsWith("/") ? n.substring(1) : n) : null;
            String image = null;
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.get("Config") instanceof Map<?, ?> config) {
                image = config.get("Image") instanceof String s ? s : null;
                if (config.get("Labels") instanceof Map<?, ?> l) {
                    l.forEach((k, v) -> {
                        if (k instanceof String ks && v instanceof String vs) {
                            labels.put(ks, vs);
                        }
                    });
                }
            }
            if (name == null && image == null) {
                return Details.failed("socket_garbage");
            }
            return new Details(name, image, labels, null);
        } catch (IllegalArgumentException e) {
            return Details.failed("socket_garbage");
        }
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p < in.length) {
            int eol = indexOf(in, p);
            if (eol < 0) {
                return null;
            }
            int size;
            try {
                String hex = new String(in, p, eol - p, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            p = eol + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (p + size > in.length) {
                return null;
            }
            out.write(in, p, size);
            p += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static final class TimeoutException extends IOException {
        TimeoutException() {
            super("timed out");
        }
    }

    /** HTTP/1.0 GET: the server closes the connection after the answer, so EOF ends the body. */
    static byte[] get(Path socket, String target, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (SocketChannel ch = SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
                Selector sel = Selector.open()) {
            ch.configureBlocking(false);
            if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                ch.register(sel, SelectionKey.OP_CONNECT);
                await(sel, deadline);
                ch.finishConnect();
            }
            ByteBuffer req = ByteBuffer.wrap(("GET " + target + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            SelectionKey key = ch.register(sel, SelectionKey.OP_WRITE);
            while (req.hasRemaining()) {
                await(sel, deadline);
                ch.write(req);
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            while (true) {
                await(sel, deadline);
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    return out.toByteArray();
                }
                out.write(buf.array(), 0, n);
                if (out.size() > MAX_RESPONSE) {
                    throw new IOException("answer too large");
                }
            }
        }
    }

    private static void await(Selector sel, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0 || sel.select(left) == 0) {
            if (System.nanoTime() >= deadline) {
                throw new TimeoutException();
            }
        }
        sel.selectedKeys().clear();
    }
}
