package io.infrasight.bpf.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A struct's layout as the compiled object's BTF states it ({@code bpftool btf dump file}). */
public record BtfStruct(String name, int size, Map<String, Integer> offsets) {
    private static final Pattern STRUCT = Pattern.compile("^\\[\\d+] STRUCT '([^']+)' size=(\\d+) vlen=(\\d+)$");
    private static final Pattern MEMBER = Pattern.compile("^\\s+'([^']+)' type_id=\\d+ bits_offset=(\\d+)$");

    public static BtfStruct of(Path object, String struct) throws Exception {
        Process p = new ProcessBuilder("bpftool", "btf", "dump", "file", object.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bpftool btf dump " + object + " failed");
        }
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = STRUCT.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(struct)) {
                Map<String, Integer> offsets = new LinkedHashMap<>();
                for (int j = 1; j <= Integer.parseInt(m.group(3)); j++) {
                    Matcher f = MEMBER.matcher(lines.get(i + j));
                    if (!f.matches()) {
                        throw new IllegalStateException("unexpected BTF line: " + lines.get(i + j));
                    }
                    offsets.put(f.group(1), Integer.parseInt(f.group(2)) / 8);
                }
                return new BtfStruct(struct, Integer.parseInt(m.group(2)), offsets);
            }
        }
        throw new AssertionError("struct " + struct + " not in the BTF of " + object);
    }

    /** Copies the classpath resource (an absolute name, e.g. {@code /bpf/exec.bpf.o}) to a temp file bpftool can read. */
    public static Path extract(String resource) throws Exception {
        Path tmp = Files.createTempFile("abi", ".bpf.o");
        try (var in = BtfStruct.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError(resource + " is not on the test class path");
            }
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        tmp.toFile().deleteOnExit();
        return tmp;
    }
}
