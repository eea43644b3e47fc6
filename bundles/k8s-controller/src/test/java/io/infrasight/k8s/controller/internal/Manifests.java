package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository as the manifest tests see it: k8s/ parsed into the fabric8 model, and the config PIDs. */
final class Manifests {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One parsed document and the file it came from. */
    record Doc(Path file, HasMetadata object) {
    }

    private Manifests() {
    }

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(K8S)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
    }

    static List<Doc> parseAll() throws IOException {
        List<Doc> out = new ArrayList<>();
        for (Path f : yamlFiles()) {
            for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
                if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                    continue;
                }
                KubernetesResource r = SERIALIZATION.unmarshal(doc, KubernetesResource.class);
                out.add(new Doc(f, (HasMetadata) r));
            }
        }
        return out;
    }

    static <T extends HasMetadata> List<T> all(List<Doc> docs, Class<T> type) {
        return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<Doc> docs, Class<T> type, String name) {
        return all(docs, type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in k8s/"));
    }

    static Properties cfg(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static final Pattern PID = Pattern.compile("String PID\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(\\w+)\\(\\)\\s+default\\s");

    /** *Config.java under the module folders' src/main/java, without descending into build output. */
    private static List<Path> configSources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String top : List.of("platform", "probes", "bundles")) {
            Path dir = ROOT.resolve(top);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String n = d.getFileName().toString();
                    return n.equals("target") || n.equals("test") || n.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (f.getFileName().toString().endsWith("Config.java") && f.toString().contains("/src/main/java/")) {
                        out.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return out;
    }

    /**
     * Every configuration PID declared in the repository's metatype classes, with its property names as
     * they appear in etc/*.cfg (OSGi metatype naming: '_' becomes '.', '__' stays '_').
     */
    static Map<String, List<String>> declaredPids() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Path f : configSources()) {
            String src = Files.readString(f);
            Matcher m = PID.matcher(src);
            if (!m.find()) {
                continue;
            }
            List<String> props = new ArrayList<>();
            Matcher a = ATTRIBUTE.matcher(src);
            while (a.find()) {
                props.add(a.group(1).replace("__", "\u0000").replace('_', '.').replace('\u0000', '_'));
            }
            out.put(m.group(1), props);
        }
        return out;
    }
}
