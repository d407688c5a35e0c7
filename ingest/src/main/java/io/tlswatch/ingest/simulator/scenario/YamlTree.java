package io.tlswatch.ingest.simulator.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as maps, lists and scalars that remember their line, so that every complaint about a scenario
 * file can name the line it is about. Jackson's tree model forgets locations; this reads the token stream itself.
 */
final class YamlTree {
    /** Longest scenario file read: a fleet description, not data. */
    static final int MAX_CHARS = 1 << 20;

    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    /** A mapping; {@code keyLines} holds the line of each key, {@code duplicates} keys written twice. */
    record MapNode(int line, Map<String, Node> entries, Map<String, Integer> keyLines, List<String> duplicates)
            implements Node {}

    record ListNode(int line, List<Node> items) implements Node {}

    /** A scalar: {@code text} as written, {@code kind} what YAML made of it. */
    record Scalar(int line, String text, JsonToken kind) implements Node {
        boolean isNumber() {
            return kind == JsonToken.VALUE_NUMBER_INT || kind == JsonToken.VALUE_NUMBER_FLOAT;
        }

        boolean isNull() {
            return kind == JsonToken.VALUE_NULL;
        }
    }

    /** Thrown for text that is not YAML; {@code line} is 1-based, 0 when unknown. */
    static final class NotYaml extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        NotYaml(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private YamlTree() {}

    static Node parse(String text) throws NotYaml {
        if (text.length() > MAX_CHARS) {
            throw new NotYaml(0, "longer than " + MAX_CHARS + " characters");
        }
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new NotYaml(1, "the file is empty");
            }
            Node root = read(p);
            if (p.nextToken() != null) {
                throw new NotYaml(line(p), "more than one YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new NotYaml(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid YAML: " + (cut < 0 ? message : message.substring(0, cut)).strip());
        } catch (IOException e) {
            throw new NotYaml(0, "cannot read: " + e.getMessage());
        }
    }

    private static Node read(JsonParser p) throws IOException {
        int line = line(p);
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            List<String> duplicates = new ArrayList<>();
            for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                String key = p.currentName();
                int keyLine = line(p);
                p.nextToken();
                Node value = read(p);
                if (entries.containsKey(key)) {
                    duplicates.add(key);
                }
                entries.put(key, value);
                lines.put(key, keyLine);
            }
            return new MapNode(line, entries, lines, duplicates);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
                items.add(read(p));
            }
            return new ListNode(line, items);
        }
        return new Scalar(line, t == JsonToken.VALUE_NULL ? null : p.getText(), t);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
