package io.infrasight.api.alert;

/** Alert severity, ordered from most to least severe (Falco's priorities). */
public enum Severity {
    EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL, DEBUG;

    public static Severity parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("INFO")) {
            return INFORMATIONAL;
        }
        return valueOf(t);
    }
}
