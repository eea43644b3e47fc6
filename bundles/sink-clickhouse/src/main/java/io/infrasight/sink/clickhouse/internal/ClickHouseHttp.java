package io.infrasight.sink.clickhouse.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * ClickHouse's HTTP interface, the protocol every server line from 18.16 to 26.x speaks the same
 * way (the official Java clients do not read from 18.16; see docs/storage.md). Credentials travel
 * in the X-ClickHouse-User/Key headers, never in the URL, so they cannot end up in access logs or
 * in our exception messages.
 */
final class ClickHouseHttp {
    private final String base;
    private final String user;
    private final String password;
    private final int timeoutMs;

    ClickHouseHttp(String url, String user, String password, int timeoutMs) {
        this.base = url.endsWith("/") ? url : url + "/";
        this.user = user;
        this.password = password;
        this.timeoutMs = timeoutMs;
    }

    String url() {
        return base;
    }

    /** Runs one statement (sent as the body) and returns the response body. */
    String execute(String sql, Map<String, String> settings, int readTimeoutMs) throws IOException, ClickHouseException {
        byte[] body = sql.getBytes(StandardCharsets.UTF_8);
        return new String(post(null, settings, body, body.length, readTimeoutMs), StandardCharsets.UTF_8);
    }

    String execute(String sql) throws IOException, ClickHouseException {
        return execute(sql, Map.of(), timeoutMs);
    }

    /** {@code INSERT ... FORMAT RowBinary} goes in the URL, the rows in the body. */
    void insert(String insertSql, byte[] rows, int length) throws IOException, ClickHouseException {
        post(insertSql, Map.of(), rows, length, timeoutMs);
    }

    private byte[] post(String query, Map<String, String> settings, byte[] body, int length, int readTimeoutMs)
            throws IOException, ClickHouseException {
        StringBuilder u = new StringBuilder(base).append('?');
        if (query != null) {
            u.append("query=").append(URLEncoder.encode(query, StandardCharsets.UTF_8)).append('&');
        }
        for (Map.Entry<String, String> s : settings.entrySet()) {
            u.append(s.getKey()).append('=').append(URLEncoder.encode(s.getValue(), StandardCharsets.UTF_8)).append('&');
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(u.toString()).toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setConnectTimeout(timeoutMs);
            c.setReadTimeout(readTimeoutMs);
            c.setFixedLengthStreamingMode(length);
            c.setRequestProperty("X-ClickHouse-User", user);
            if (!password.isEmpty()) {
                c.setRequestProperty("X-ClickHouse-Key", password);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body, 0, length);
            }
            int status = c.getResponseCode();
            if (status == 200) {
                try (InputStream in = c.getInputStream()) {
                    return in.readAllBytes();
                }
            }
            String text;
            try (InputStream err = c.getErrorStream()) {
                text = err == null ? "HTTP " + status : new String(readUpTo(err, 64 * 1024), StandardCharsets.UTF_8);
            }
            throw new ClickHouseException(status, c.getHeaderField("X-ClickHouse-Exception-Code"), text);
        } finally {
            // keep-alive: the JDK pools the connection once the streams are consumed
        }
    }

    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while (out.size() < max && (n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
