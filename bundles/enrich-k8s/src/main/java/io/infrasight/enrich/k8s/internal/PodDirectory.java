package io.infrasight.enrich.k8s.internal;

import io.infrasight.api.json.JsonValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The pods of this node from the Kubernetes API ({@code GET /api/v1/pods?fieldSelector=spec.nodeName=}),
 * by UID. Fetched on the enricher's own thread; the service account token is read on every fetch
 * because kubelet rotates it.
 */
public final class PodDirectory {
    /** One pod as the API describes it. */
    record Pod(String uid, String name, String namespace, Map<String, String> labels) {
    }

    private final URI base;
    private final String node;
    private final Path tokenPath;
    private final Duration timeout;
    private final HttpClient http;

    public PodDirectory(URI base, String node, Path tokenPath, Path caPath, Duration timeout) throws IOException {
        this.base = base;
        this.node = node;
        this.tokenPath = tokenPath;
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if ("https".equals(base.getScheme()) && caPath != null && Files.exists(caPath)) {
            b.sslContext(trusting(caPath));
        }
        this.http = b.build();
    }

    private static SSLContext trusting(Path caPem) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            try (var in = Files.newInputStream(caPem)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot use CA " + caPem + ": " + e.getMessage(), e);
        }
    }

    /** Thrown with a short reason that becomes a {@code failed_<reason>} counter. */
    static final class FetchException extends Exception {
        final String reason;

        FetchException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    Map<String, Pod> fetch() throws FetchException {
        String selector = URLEncoder.encode("spec.nodeName=" + node, StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve("/api/v1/pods?fieldSelector=" + selector))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (tokenPath != null && Files.isReadable(tokenPath)) {
            try {
                req.header("Authorization", "Bearer " + Files.readString(tokenPath).trim());
            } catch (IOException e) {
                throw new FetchException("token_unreadable", e.getMessage());
            }
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new FetchException("api_timeout", e.getMessage());
        } catch (IOException e) {
            throw new FetchException("api_io", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", "interrupted");
        }
        if (resp.statusCode() == 401 || resp.statusCode() == 403) {
            throw new FetchException("api_unauthorized", "HTTP " + resp.statusCode());
        }
        if (resp.statusCode() != 200) {
            throw new FetchException("api_status", "HTTP " + resp.statusCode());
        }
        try {
            return parse(resp.body());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new FetchException("api_garbage", String.valueOf(e.getMessage()));
        }
    }

    static Map<String, Pod> parse(String body) {
        Object json = JsonValues.parse(body);
        if (!(json instanceof Map<?, ?> root) || !(root.get("items") instanceof List<?> items)) {
            throw new IllegalArgumentException("no items");
        }
        Map<String, Pod> pods = new HashMap<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("metadata") instanceof Map<?, ?> meta)) {
                continue;
            }
            if (!(meta.get("uid") instanceof String uid)) {
                continue;
            }
            LinkedHashMap<String, String> labels = new LinkedHashMap<>();
            if (meta.get("labels") instanceof Map<?, ?> l) {
                l.forEach((k, v) -> {
                    if (k instanceof String ks && v instanceof String vs) {
                        labels.put(ks, vs);
                    }
                });
            }
            pods.put(uid, new Pod(uid, (String) meta.get("name"), (String) meta.get("namespace"),
                    Collections.unmodifiableMap(labels)));
        }
        return pods;
    }
}
