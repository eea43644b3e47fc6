package io.infrasight.bpf;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigValues;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A probe's validated configuration, the same for every probe: a bad value is replaced by its
 * default and recorded as a {@link ConfigProblem} (logged once, counted in the probe's counters),
 * so a typo never keeps a probe from running.
 *
 * @param pathPrefixes absolute path prefixes to keep (probes that see paths); empty = all
 */
public record ProbeSettings(boolean enabled, int ringBufferBytes, boolean excludeSelf, TaskFilters taskFilters,
        List<String> pathPrefixes, List<ConfigProblem> problems) {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSettings.class);
    public static final int DEFAULT_RING_KIB = 4096;

    public ProbeSettings {
        pathPrefixes = List.copyOf(pathPrefixes);
        problems = List.copyOf(problems);
    }

    public static ProbeSettings of(String pid, boolean enabled, int ringBufferKib, boolean excludeSelf,
            String[] comms, int[] uids, String[] prefixes) {
        List<ConfigProblem> problems = new ArrayList<>();
        int kib = ConfigValues.read(pid, "ringBufferKib", () -> ringBufferKib,
                v -> v >= 4 && v <= 1 << 20 && Integer.bitCount(v) == 1, "must be a power of two from 4 to 1048576",
                DEFAULT_RING_KIB, problems);
        List<String> keptComms = new ArrayList<>();
        for (String c : comms == null ? new String[0] : comms) {
            String v = ConfigValues.read(pid, "excludedComms", () -> c.strip(), s -> !s.isEmpty() && s.length() <= 15,
                    "must be 1 to 15 characters (a task name)", null, problems);
            if (v != null) {
                keptComms.add(v);
            }
        }
        List<String> keptPrefixes = new ArrayList<>();
        for (String p : prefixes == null ? new String[0] : prefixes) {
            String v = ConfigValues.read(pid, "pathPrefixes", () -> p.strip(),
                    s -> s.startsWith("/") && s.length() <= 64, "must be an absolute path of at most 64 characters",
                    null, problems);
            if (v != null) {
                keptPrefixes.add(v);
            }
        }
        problems.forEach(p -> LOG.warn(p.message()));
        List<Integer> keptUids = Arrays.stream(uids == null ? new int[0] : uids).boxed().toList();
        return new ProbeSettings(enabled, kib * 1024, excludeSelf, new TaskFilters(keptComms, keptUids), keptPrefixes,
                problems);
    }

    /** Runner settings with the probe's object read from {@code owner}'s bundle/class path. */
    public ProbeRunner.Settings runnerSettings(String id, Class<?> owner, String resource) {
        byte[] elf = null;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in != null) {
                elf = in.readAllBytes();
            }
        } catch (IOException e) {
            LOG.error("probe {}: cannot read {}", id, resource, e);
        }
        return new ProbeRunner.Settings(id, elf, ringBufferBytes, excludeSelf);
    }

    /** The runner's counters plus how many configuration values were rejected. */
    public Map<String, Long> withConfigProblems(Map<String, Long> counters) {
        Map<String, Long> m = new LinkedHashMap<>(counters);
        m.put("config_problems", (long) problems.size());
        return m;
    }
}
