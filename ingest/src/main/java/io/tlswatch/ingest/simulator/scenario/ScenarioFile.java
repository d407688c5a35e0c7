package io.tlswatch.ingest.simulator.scenario;

import com.fasterxml.jackson.core.JsonToken;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.scenario.YamlTree.ListNode;
import io.tlswatch.ingest.simulator.scenario.YamlTree.MapNode;
import io.tlswatch.ingest.simulator.scenario.YamlTree.Node;
import io.tlswatch.ingest.simulator.scenario.YamlTree.Scalar;
import io.tlswatch.ingest.simulator.wire.ClientKind;
import io.tlswatch.schemas.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file (YAML) into a {@link Scenario}, checking everything before anything runs: unknown keys
 * (with the closest known one), values of the wrong type or out of range, durations, incident kinds (listing the
 * valid ones), BIG-IPs and VIPs that the fleet does not have. Every problem is reported at once, each as
 * {@code file:line: what is wrong}. The format is documented in {@code config/scenarios/README.md}.
 */
public final class ScenarioFile {
    /** The scenario of {@code tlswatch demo}, on the classpath. */
    public static final String DEMO_RESOURCE = "/io/tlswatch/ingest/simulator/scenarios/demo.yaml";

    private static final Set<String> TOP = keys("name", "description", "seed", "duration", "start", "fleet",
            "traffic", "incidents", "vip_traffic", "scanners");
    private static final Set<String> FLEET = keys("bigips", "vips_per_bigip", "connections_per_vip", "clients");
    private static final Set<String> TRAFFIC = keys("noise_lines_per_second", "background_failures_per_second",
            "packets", "poller_every");
    private static final Set<String> INCIDENT = keys("name", "kind", "bigip", "vip", "vips", "start", "end",
            "duration", "rate", "flapping");
    private static final Set<String> FLAPPING = keys("failing", "healthy");
    private static final int MAX_BIGIPS = 254;
    private static final int MAX_VIPS = 240;
    private static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
    private static final Duration MAX_DURATION = Duration.ofDays(7);

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private ScenarioFile(String source) {
        this.source = source;
    }

    /** Reads and checks {@code file}. */
    public static Scenario read(Path file) throws ScenarioException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            // bounded before decoding: --scenario /dev/zero or a huge file must be one line, not an OutOfMemoryError
            byte[] bytes = in.readNBytes(YamlTree.MAX_CHARS * 4 + 1);
            if (bytes.length > YamlTree.MAX_CHARS * 4) {
                throw new ScenarioException(List.of(file + ": larger than " + YamlTree.MAX_CHARS
                        + " characters; a scenario file is a few KB"));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(List.of(file + ": not UTF-8 text (a YAML scenario file is expected)"));
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read: " + (e instanceof NoSuchFileException
                    ? "no such file" : e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /** The scenario of {@code tlswatch demo}. */
    public static Scenario demo() {
        try (InputStream in = ScenarioFile.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario is missing from the jar: " + DEMO_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.yaml");
        } catch (IOException | ScenarioException e) {
            throw new IllegalStateException("the demo scenario cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses and checks {@code text}; {@code source} names it in messages. */
    public static Scenario parse(String text, String source) throws ScenarioException {
        return new ScenarioFile(source).scenario(text);
    }

    private Scenario scenario(String text) throws ScenarioException {
        Node root;
        try {
            root = YamlTree.parse(text);
        } catch (YamlTree.NotYaml e) {
            throw new ScenarioException(List.of(source + (e.line > 0 ? ":" + e.line : "") + ": " + e.getMessage()));
        }
        if (!(root instanceof MapNode top)) {
            throw new ScenarioException(List.of(at(root) + "a scenario is a mapping of keys (name:, fleet:, "
                    + "incidents: ...)"));
        }
        checkKeys(top, TOP, "");
        String name = string(top, "name", true, null);
        String description = string(top, "description", false, null);
        long seed = seed(top);
        Duration duration = duration(top, "duration", DEFAULT_DURATION);
        if (duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            problem(top.entries().get("duration"), "duration: must be more than 0 and at most 7d");
        }
        Instant start = instant(top, "start");

        MapNode fleet = map(top, "fleet");
        List<String> bigips = bigips(fleet);
        int vipsPerBigip = (int) number(fleet, "vips_per_bigip", SimulatorSettings.DEFAULT_VIPS_PER_OBSERVER, 1,
                MAX_VIPS, true);
        double connections = number(fleet, "connections_per_vip", 0, 0, SimulatorSettings.MAX_RATE_PER_SECOND, false);
        Map<ClientKind, Integer> clients = clients(fleet);

        MapNode traffic = map(top, "traffic");
        double noise = number(traffic, "noise_lines_per_second", SimulatorSettings.DEFAULT_NOISE_LINES_PER_SECOND, 0,
                SimulatorSettings.MAX_RATE_PER_SECOND, false);
        double background = number(traffic, "background_failures_per_second",
                SimulatorSettings.DEFAULT_BACKGROUND_SSL_FAILURES_PER_SECOND, 0, SimulatorSettings.MAX_RATE_PER_SECOND,
                false);
        boolean packets = bool(traffic, "packets", true);
        int poller = poller(traffic);

        List<Scenario.Planned> incidents = new ArrayList<>();
        Node list = top.entries().get("incidents");
        if (list instanceof ListNode items) {
            Set<String> names = new HashSet<>();
            for (Node item : items.items()) {
                Scenario.Planned p = incident(item, bigips, vipsPerBigip, duration, incidents.size() + 1);
                if (p != null) {
                    if (!names.add(p.name())) {
                        problem(item, "incident name '" + p.name() + "' is used twice");
                    }
                    incidents.add(p);
                }
            }
        } else if (list != null && !(list instanceof Scalar s && s.isNull())) {
            problem(list, "incidents: expected a list of incidents (each starting with '- kind: ...')");
        }
        TrafficSections sections = new TrafficSections(this);
        List<Scenario.PlannedTraffic> vipTraffic = sections.vipTraffic(top, bigips, vipsPerBigip, duration, incidents);
        List<Scenario.PlannedScanner> scanners = sections.scanners(top, bigips, duration);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(name, description, seed, duration, start, bigips, vipsPerBigip, connections, clients,
                noise, background, packets, poller, incidents, vipTraffic, scanners);
    }

    /** {@code start:} and {@code end:} or {@code duration:} of an incident or a scanner, checked; null if wrong. */
    Duration[] span(MapNode m, Duration scenario, String what) {
        Duration start = duration(m, "start", Duration.ZERO);
        Duration end = null;
        if (m.entries().containsKey("end") && m.entries().containsKey("duration")) {
            problem(m.entries().get("duration"), "give end: or duration:, not both");
        } else if (m.entries().containsKey("duration")) {
            end = start.plus(duration(m, "duration", Duration.ZERO));
        } else {
            end = duration(m, "end", scenario);
        }
        if (end != null && (end.minus(start).isNegative() || end.minus(start).isZero())) {
            problem(m.entries().getOrDefault("end", m.entries().getOrDefault("duration", m)),
                    "the " + what + " must end after it starts (start " + Durations.format(start) + ")");
            return null;
        } else if (end != null && end.compareTo(scenario) > 0) {
            problem(m.entries().getOrDefault("end", m.entries().getOrDefault("duration", m)), "the " + what
                    + " ends at " + Durations.format(end) + ", after the scenario's duration "
                    + Durations.format(scenario));
            return null;
        }
        return end == null ? null : new Duration[] {start, end};
    }

    /** {@code flapping: {failing: 60s, healthy: 45s}}; null when the incident does not flap. */
    private Duration[] flapping(MapNode m) {
        Node node = m.entries().get("flapping");
        if (node == null) {
            return null;
        }
        if (!(node instanceof MapNode f) || !f.entries().containsKey("failing")
                || !f.entries().containsKey("healthy")) {
            problem(node, "flapping: expected {failing: 60s, healthy: 45s} (it fails, recovers, fails again...)");
            return null;
        }
        checkKeys(f, FLAPPING, "flapping: ");
        Duration failing = duration(f, "failing", Duration.ZERO);
        Duration healthy = duration(f, "healthy", Duration.ZERO);
        if (failing.isZero() || failing.isNegative() || healthy.isZero() || healthy.isNegative()) {
            problem(node, "flapping: failing and healthy must both be more than 0");
            return null;
        }
        return new Duration[] {failing, healthy};
    }

    private Scenario.Planned incident(Node node, List<String> bigips, int vipsPerBigip, Duration scenario, int n) {
        if (!(node instanceof MapNode m)) {
            problem(node, "incident " + n + ": expected a mapping (kind:, bigip:, vip:, start:, end:, rate:)");
            return null;
        }
        int before = problems.size();
        checkKeys(m, INCIDENT, "incident " + n + ": ");
        String kindName = string(m, "kind", true, null);
        IncidentKind kind = null;
        boolean storm = IncidentKind.CA_BUNDLE_STORM.equals(kindName);
        if (kindName != null && !storm) {
            kind = IncidentKind.fromWireName(kindName);
            if (kind == null) {
                problem(m.entries().get("kind"), "unknown incident kind '" + kindName + "'"
                        + Suggestions.didYouMean(kindName, IncidentKind.wireNames()) + "; the kinds are "
                        + String.join(", ", IncidentKind.wireNames()));
            }
        }
        String name = string(m, "name", false, kindName == null ? "incident-" + n : kindName + "-" + n);
        String bigip = bigip(m, bigips);
        List<String> vips = vips(m, bigips, bigip, vipsPerBigip, storm);
        Duration[] span = span(m, scenario, "incident");
        double rate = number(m, "rate", 1, 0, SimulatorSettings.MAX_RATE_PER_SECOND, false);
        Duration[] flap = flapping(m);
        if (problems.size() > before || span == null) {
            return null;
        }
        return new Scenario.Planned(name, storm ? IncidentKind.CERT_UNTRUSTED : kind, storm, bigip, vips, span[0],
                span[1], rate, flap == null ? null : flap[0], flap == null ? null : flap[1]);
    }

    private List<String> bigips(MapNode fleet) {
        Node node = fleet == null ? null : fleet.entries().get("bigips");
        if (node == null) {
            return SimulatorSettings.DEFAULT_OBSERVERS;
        }
        if (node instanceof Scalar s && s.kind() == JsonToken.VALUE_NUMBER_INT) {
            long count = Long.parseLong(s.text());
            if (count < 1 || count > MAX_BIGIPS) {
                problem(node, "bigips: must be 1.." + MAX_BIGIPS + " (or a list of host names), got " + s.text());
                return SimulatorSettings.DEFAULT_OBSERVERS;
            }
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                names.add(String.format(Locale.ROOT, "bigip-%02d.example.net", i));
            }
            return names;
        }
        if (node instanceof ListNode list && !list.items().isEmpty() && list.items().size() <= MAX_BIGIPS) {
            List<String> names = new ArrayList<>();
            for (Node item : list.items()) {
                String host = item instanceof Scalar s && !s.isNull() ? s.text() : null;
                if (host == null || host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
                    problem(item, "bigips: each host name is one word without spaces");
                } else if (names.contains(host)) {
                    problem(item, "bigips: '" + host + "' is listed twice");
                } else {
                    names.add(host);
                }
            }
            return names.isEmpty() ? SimulatorSettings.DEFAULT_OBSERVERS : names;
        }
        problem(node, "bigips: expected a count (2) or a list of host names ([bigip-a.example.net, ...])");
        return SimulatorSettings.DEFAULT_OBSERVERS;
    }

    private Map<ClientKind, Integer> clients(MapNode fleet) {
        Node node = fleet == null ? null : fleet.entries().get("clients");
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MapNode m)) {
            problem(node, "clients: expected weights per client kind, e.g. {browser_chrome: 60, java: 10}");
            return Map.of();
        }
        Set<String> allowed = new LinkedHashSet<>();
        Arrays.stream(ClientKind.values()).filter(k -> k != ClientKind.SCANNER).forEach(k -> allowed.add(k.wireName()));
        checkKeys(m, allowed, "clients: ");
        Map<ClientKind, Integer> weights = new EnumMap<>(ClientKind.class);
        for (String key : m.entries().keySet()) {
            ClientKind kind = ClientKind.fromWireName(key);
            if (kind != null && kind != ClientKind.SCANNER) {
                weights.put(kind, (int) number(m, key, 0, 0, 1_000_000, true));
            }
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0 && !weights.isEmpty()) {
            problem(node, "clients: at least one weight must be more than 0");
        }
        return weights;
    }

    private int poller(MapNode traffic) {
        Node node = traffic == null ? null : traffic.entries().get("poller_every");
        if (node == null) {
            return 60;
        }
        if (node instanceof Scalar s && (s.kind() == JsonToken.VALUE_FALSE || "off".equals(s.text()))) {
            return 0;
        }
        Duration d = duration(traffic, "poller_every", Duration.ofSeconds(60));
        long seconds = d.toSeconds();
        if (seconds < SimulatorSettings.MIN_POLLER_INTERVAL_SECONDS
                || seconds > SimulatorSettings.MAX_POLLER_INTERVAL_SECONDS || d.toMillis() % 1000 != 0) {
            problem(node, "poller_every: whole seconds from " + SimulatorSettings.MIN_POLLER_INTERVAL_SECONDS + "s to 1h,"
                    + " or off");
            return 60;
        }
        return (int) seconds;
    }

    String bigip(MapNode m, List<String> bigips) {
        Node node = m.entries().get("bigip");
        if (node == null) {
            return bigips.get(0);
        }
        if (node instanceof Scalar s && s.kind() == JsonToken.VALUE_NUMBER_INT) {
            long i = Long.parseLong(s.text());
            if (i >= 1 && i <= bigips.size()) {
                return bigips.get((int) i - 1);
            }
            problem(node, "bigip: there is no BIG-IP number " + i + " (the fleet has " + bigips.size() + ")");
            return bigips.get(0);
        }
        String name = node instanceof Scalar s ? s.text() : null;
        if (name == null || !bigips.contains(name)) {
            problem(node, "bigip: '" + name + "' is not in the fleet" + Suggestions.didYouMean(String.valueOf(name), bigips)
                    + "; its BIG-IPs are " + String.join(", ", bigips.size() > 6 ? bigips.subList(0, 6) : bigips)
                    + (bigips.size() > 6 ? ", ..." : "") + " (or give a number, 1 for the first)");
        }
        return name == null ? bigips.get(0) : name;
    }

    /** The VIPs of an incident: {@code vip:} one, {@code vips:} a count (the first N) or a list. */
    List<String> vips(MapNode m, List<String> bigips, String bigip, int vipsPerBigip, boolean storm) {
        int host = Math.max(0, bigips.indexOf(bigip));
        List<String> fleet = new ArrayList<>();
        for (int i = 0; i < vipsPerBigip; i++) {
            boolean ldaps = vipsPerBigip >= 2 && i == vipsPerBigip - 1;
            fleet.add("10.10." + (host + 1) + "." + (10 + i) + ":" + (ldaps ? 636 : 443));
        }
        Node one = m.entries().get("vip");
        Node many = m.entries().get("vips");
        if (one != null && many != null) {
            problem(many, "give vip: or vips:, not both");
            return List.of();
        }
        if (many == null) {
            if (storm) {
                problem(one != null ? one : m, "a ca_bundle_storm needs vips: (a count, or a list of address:port)");
                return List.of();
            }
            if (one == null) {
                return List.of(fleet.get(0));
            }
            return List.of(vip(one, fleet, bigip));
        }
        if (many instanceof Scalar s && s.kind() == JsonToken.VALUE_NUMBER_INT) {
            long count = Long.parseLong(s.text());
            if (count < 1 || count > fleet.size()) {
                problem(many, "vips: " + bigip + " has " + fleet.size() + " VIPs (vips_per_bigip), asked for " + count);
                return List.of();
            }
            return fleet.subList(0, (int) count);
        }
        if (many instanceof ListNode list && !list.items().isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Node item : list.items()) {
                out.add(vip(item, fleet, bigip));
            }
            return out;
        }
        problem(many, "vips: expected a count (the first N VIPs) or a list of address:port");
        return List.of();
    }

    private String vip(Node node, List<String> fleet, String bigip) {
        String text = node instanceof Scalar s && !s.isNull() ? s.text() : "";
        if (node instanceof Scalar s && s.kind() == JsonToken.VALUE_NUMBER_INT) {
            int i = Integer.parseInt(text);
            if (i >= 1 && i <= fleet.size()) {
                return fleet.get(i - 1);
            }
        }
        if (!fleet.contains(text)) {
            problem(node, "vip: '" + text + "' is not a VIP of " + bigip + Suggestions.didYouMean(text, fleet)
                    + "; its VIPs are " + String.join(", ", fleet.size() > 6 ? fleet.subList(0, 6) : fleet)
                    + (fleet.size() > 6 ? ", ..." : "") + " (or give a number, 1 for the first)");
        }
        return text;
    }

    private MapNode map(MapNode parent, String key) {
        Node node = parent.entries().get(key);
        if (node == null || node instanceof Scalar s && s.isNull()) {
            return null;
        }
        if (node instanceof MapNode m) {
            checkKeys(m, key.equals("fleet") ? FLEET : TRAFFIC, key + ": ");
            return m;
        }
        problem(node, key + ": expected a mapping of keys");
        return null;
    }

    void checkKeys(MapNode m, Set<String> allowed, String where) {
        for (String key : m.entries().keySet()) {
            if (!allowed.contains(key)) {
                problemAt(m.keyLines().get(key), where + "unknown key '" + key + "'" + Suggestions.didYouMean(key, allowed)
                        + "; known keys: " + String.join(", ", allowed));
            }
        }
        for (String key : m.duplicates()) {
            problemAt(m.keyLines().get(key), where + "key '" + key + "' is written twice");
        }
    }

    String string(MapNode m, String key, boolean required, String orElse) {
        Node node = m.entries().get(key);
        if (node == null) {
            if (required) {
                problem(m, "missing key '" + key + "'");
            }
            return orElse;
        }
        if (node instanceof Scalar s && !s.isNull() && !s.text().isBlank()) {
            return s.text();
        }
        problem(node, key + ": expected text");
        return orElse;
    }

    double number(MapNode m, String key, double orElse, double min, double max, boolean integer) {
        Node node = m == null ? null : m.entries().get(key);
        if (node == null) {
            return orElse;
        }
        if (node instanceof Scalar s && s.isNumber() && (!integer || s.kind() == JsonToken.VALUE_NUMBER_INT)) {
            double v = Double.parseDouble(s.text());
            if (v >= min && v <= max) {
                return v;
            }
        }
        String text = node instanceof Scalar s ? "'" + s.text() + "'" : "a " + (node instanceof ListNode ? "list" : "mapping");
        problem(node, key + ": expected " + (integer ? "a whole number" : "a number") + " from " + plain(min) + " to "
                + plain(max) + ", got " + text);
        return orElse;
    }

    /** A long, read as one: a double would round seeds above 2^53. */
    private long seed(MapNode m) {
        Node node = m.entries().get("seed");
        if (node == null) {
            return 1;
        }
        if (node instanceof Scalar s && s.kind() == JsonToken.VALUE_NUMBER_INT) {
            try {
                long v = Long.parseLong(s.text());
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // too big: said below
            }
        }
        problem(node, "seed: expected a whole number from 0 to " + Long.MAX_VALUE + ", got '"
                + (node instanceof Scalar s ? s.text() : "a list or mapping") + "'");
        return 1;
    }

    private boolean bool(MapNode m, String key, boolean orElse) {
        Node node = m == null ? null : m.entries().get(key);
        if (node == null) {
            return orElse;
        }
        if (node instanceof Scalar s && (s.kind() == JsonToken.VALUE_TRUE || s.kind() == JsonToken.VALUE_FALSE)) {
            return s.kind() == JsonToken.VALUE_TRUE;
        }
        problem(node, key + ": expected true or false");
        return orElse;
    }

    Duration duration(MapNode m, String key, Duration orElse) {
        Node node = m == null ? null : m.entries().get(key);
        if (node == null) {
            return orElse;
        }
        String text = node instanceof Scalar s && !s.isNull() ? s.text() : null;
        if (node instanceof Scalar s && s.isNumber()) {
            problem(node, key + ": '" + text + "' has no unit: write " + text + "s, " + text + "m... (use " + Durations.FORM
                    + ")");
            return orElse;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problem(node, key + ": " + e.getMessage());
            return orElse;
        }
    }

    private Instant instant(MapNode m, String key) {
        Node node = m.entries().get(key);
        if (node == null) {
            return null;
        }
        String text = node instanceof Scalar s ? s.text() : null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            problem(node, key + ": expected an ISO-8601 instant such as 2026-03-02T08:00:00Z, got '" + text + "'");
            return null;
        }
    }

    /** How many problems were found so far. */
    int problemCount() {
        return problems.size();
    }

    void problem(Node node, String message) {
        problemAt(node.line(), message);
    }

    private void problemAt(Integer line, String message) {
        problems.add(source + (line != null && line > 0 ? ":" + line : "") + ": " + message);
    }

    private String at(Node node) {
        return source + ":" + node.line() + ": ";
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static Set<String> keys(String... names) {
        return new LinkedHashSet<>(Arrays.asList(names));
    }
}
