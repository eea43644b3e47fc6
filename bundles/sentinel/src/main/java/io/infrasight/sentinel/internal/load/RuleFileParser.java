package io.infrasight.sentinel.internal.load;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rule file into items with line numbers. SnakeYAML only composes the node tree (with the
 * safe constructor configured, and no object is ever constructed from a tag), and we turn nodes into
 * strings, lists and maps ourselves, so YAML tags cannot instantiate anything.
 */
public final class RuleFileParser {
    /** Raised for a file that cannot be used at all; names the line. */
    public static final class FileException extends Exception {
        private static final long serialVersionUID = 1L;
        public final int line;

        FileException(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private static final int MAX_FILE_CHARS = 4 << 20;

    private RuleFileParser() {
    }

    public static RuleFile parse(String name, String origin, String text) throws FileException {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(20);
        opts.setCodePointLimit(MAX_FILE_CHARS);
        opts.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(opts));
        Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String reason = (e.getContext() == null ? "" : e.getContext() + "; ")
                    + (e.getProblem() == null ? e.getMessage() : e.getProblem());
            throw new FileException(m == null ? 0 : m.getLine() + 1, "YAML syntax: " + reason.strip());
        } catch (YAMLException e) {
            throw new FileException(0, "YAML: " + e.getMessage());
        }
        if (root == null) {
            return new RuleFile(name, origin, 0, 0, "", List.of());
        }
        if (!(root instanceof SequenceNode seq)) {
            throw new FileException(line(root), "a rule file is a YAML list of list/macro/rule entries");
        }
        int engine = 0;
        int engineLine = 0;
        String version = "";
        List<RuleFile.Item> items = new ArrayList<>();
        for (Node n : seq.getValue()) {
            if (!(n instanceof MappingNode map)) {
                throw new FileException(line(n), "each entry must be a mapping (list:, macro: or rule:)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                body.put(key, plain(t.getValueNode()));
                keyLines.put(key, line(t.getKeyNode()));
            }
            if (body.containsKey("required_engine_version")) {
                try {
                    engine = Integer.parseInt(String.valueOf(body.get("required_engine_version")).trim());
                    engineLine = line(n);
                } catch (NumberFormatException e) {
                    throw new FileException(line(n), "required_engine_version must be an integer");
                }
                continue;
            }
            if (body.containsKey("pack_version")) {
                version = String.valueOf(body.get("pack_version"));
                continue;
            }
            String kind = body.containsKey("rule") ? "rule" : body.containsKey("macro") ? "macro"
                    : body.containsKey("list") ? "list" : null;
            if (kind == null) {
                throw new FileException(line(n), "entry is not a list, macro or rule (keys: " + body.keySet() + ")");
            }
            Object itemName = body.get(kind);
            items.add(new RuleFile.Item(kind, itemName == null ? "" : itemName.toString(), line(n), body, keyLines));
        }
        return new RuleFile(name, origin, engine, engineLine, version, items);
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String scalar(Node n) throws FileException {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new FileException(line(n), "keys must be plain words");
    }

    /** Scalars stay text: a rule never needs typed YAML values, and text is what conditions compare. */
    private static Object plain(Node n) throws FileException {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (n instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node x : s.getValue()) {
                out.add(plain(x));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            out.put(scalar(t.getKeyNode()), plain(t.getValueNode()));
        }
        return out;
    }
}
