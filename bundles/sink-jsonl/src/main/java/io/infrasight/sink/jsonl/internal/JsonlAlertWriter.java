package io.infrasight.sink.jsonl.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.json.AlertJson;
import io.infrasight.api.spi.AlertSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Alerts to JSON lines. A failed write throws, so the bus counts the batch as dropped. */
final class JsonlAlertWriter implements AlertSink {
    private final RotatingFile file;
    private final AlertJson json = new AlertJson();

    JsonlAlertWriter(RotatingFile file) {
        this.file = file;
    }

    @Override
    public String id() {
        return "sink-jsonl-alerts";
    }

    @Override
    public void onAlerts(List<Alert> batch) {
        StringBuilder sb = new StringBuilder();
        for (Alert a : batch) {
            sb.append(json.toJson(a)).append('\n');
        }
        try {
            file.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException("writing alerts.jsonl failed", e);
        }
    }
}
