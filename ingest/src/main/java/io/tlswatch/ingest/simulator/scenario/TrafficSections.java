package io.tlswatch.ingest.simulator.scenario;

import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.scenario.YamlTree.ListNode;
import io.tlswatch.ingest.simulator.scenario.YamlTree.MapNode;
import io.tlswatch.ingest.simulator.scenario.YamlTree.Node;
import io.tlswatch.ingest.simulator.scenario.YamlTree.Scalar;
import io.tlswatch.schemas.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code vip_traffic:} and {@code scanners:} sections of a scenario file, read and checked with the
 * {@link ScenarioFile}'s readers (its problems are theirs: every problem of a file is reported at once).
 */
final class TrafficSections {
    private static final Set<String> VIP_TRAFFIC = ScenarioFile.keys("bigip", "vip", "vips", "connections",
            "failures", "silent_from");
    private static final Set<String> SCANNER = ScenarioFile.keys("bigip", "address", "start", "end", "duration",
            "per_vip");
    private static final int MAX_PROBES_PER_VIP = 100;

    private final ScenarioFile file;

    TrafficSections(ScenarioFile file) {
        this.file = file;
    }

    /** Every entry of {@code vip_traffic:}, each VIP at most once, and no incident on a VIP after it goes silent. */
    List<Scenario.PlannedTraffic> vipTraffic(MapNode top, List<String> bigips, int vipsPerBigip, Duration duration,
            List<Scenario.Planned> incidents) {
        List<Scenario.PlannedTraffic> out = new ArrayList<>();
        Set<String> tuned = new HashSet<>();
        for (Node item : items(top, "vip_traffic", "VIPs (each starting with '- vip: ...')")) {
            Scenario.PlannedTraffic t = vipTraffic(item, bigips, vipsPerBigip, duration);
            if (t != null) {
                t.vips().stream().filter(v -> !tuned.add(t.bigip() + " " + v)).forEach(v -> file.problem(item,
                        "vip_traffic: " + v + " of " + t.bigip() + " is given twice"));
                out.add(t);
            }
        }
        silentVipsWithIncidents(incidents, out, top);
        return out;
    }

    /** Every entry of {@code scanners:}. */
    List<Scenario.PlannedScanner> scanners(MapNode top, List<String> bigips, Duration duration) {
        List<Scenario.PlannedScanner> out = new ArrayList<>();
        for (Node item : items(top, "scanners", "scanners (each starting with '- address: ...')")) {
            Scenario.PlannedScanner sc = scanner(item, bigips, duration);
            if (sc != null) {
                out.add(sc);
            }
        }
        return out;
    }

    /** The items of the list under {@code key}; none when it is missing or null. */
    private List<Node> items(MapNode top, String key, String what) {
        Node node = top.entries().get(key);
        if (node instanceof ListNode list) {
            return list.items();
        }
        if (node != null && !(node instanceof Scalar s && s.isNull())) {
            file.problem(node, key + ": expected a list of " + what);
        }
        return List.of();
    }

    /** One entry of {@code vip_traffic:}: the VIPs' own rate, steady failures by kind, silence. */
    private Scenario.PlannedTraffic vipTraffic(Node node, List<String> bigips, int vipsPerBigip, Duration scenario) {
        if (!(node instanceof MapNode m)) {
            file.problem(node, "vip_traffic: expected a mapping (bigip:, vip: or vips:, connections:, failures:, "
                    + "silent_from:)");
            return null;
        }
        int before = file.problemCount();
        file.checkKeys(m, VIP_TRAFFIC, "vip_traffic: ");
        String bigip = file.bigip(m, bigips);
        List<String> vips = file.vips(m, bigips, bigip, vipsPerBigip, false);
        Double connections = m.entries().containsKey("connections")
                ? file.number(m, "connections", 0, 0, SimulatorSettings.MAX_RATE_PER_SECOND, false) : null;
        Map<IncidentKind, Double> failures = new EnumMap<>(IncidentKind.class);
        Node f = m.entries().get("failures");
        if (f instanceof MapNode kinds) {
            List<String> names = Arrays.stream(IncidentKind.values()).map(IncidentKind::wireName).toList();
            file.checkKeys(kinds, new LinkedHashSet<>(names), "vip_traffic: failures: ");
            for (String key : kinds.entries().keySet()) {
                IncidentKind kind = IncidentKind.fromWireName(key);
                if (kind != null) {
                    failures.put(kind, file.number(kinds, key, 0, 0, SimulatorSettings.MAX_RATE_PER_SECOND, false));
                }
            }
        } else if (f != null) {
            file.problem(f, "failures: expected failed handshakes per second by kind, e.g. {tls10_disabled: 0.2}");
        }
        Duration silentFrom = m.entries().containsKey("silent_from") ? file.duration(m, "silent_from", scenario) : null;
        if (silentFrom != null && silentFrom.compareTo(scenario) > 0) {
            file.problem(m.entries().get("silent_from"), "silent_from: " + Durations.format(silentFrom)
                    + " is after the scenario's duration " + Durations.format(scenario));
        }
        return file.problemCount() > before ? null
                : new Scenario.PlannedTraffic(bigip, vips, connections, failures, silentFrom);
    }

    /** An incident on a VIP must end before the VIP goes silent: a silent VIP has no clients to fail. */
    private void silentVipsWithIncidents(List<Scenario.Planned> incidents, List<Scenario.PlannedTraffic> traffic,
            MapNode top) {
        for (Scenario.PlannedTraffic t : traffic) {
            if (t.silentFrom() == null) {
                continue;
            }
            for (Scenario.Planned p : incidents) {
                if (p.bigip().equals(t.bigip()) && p.end().compareTo(t.silentFrom()) > 0
                        && p.vips().stream().anyMatch(t.vips()::contains)) {
                    file.problem(top.entries().get("vip_traffic"), "incident '" + p.name() + "' ends at "
                            + Durations.format(p.end()) + ", after its VIP goes silent at "
                            + Durations.format(t.silentFrom()));
                }
            }
        }
    }

    /** One entry of {@code scanners:}. */
    private Scenario.PlannedScanner scanner(Node node, List<String> bigips, Duration scenario) {
        if (!(node instanceof MapNode m)) {
            file.problem(node, "scanners: expected a mapping (address:, bigip:, start:, end:, per_vip:)");
            return null;
        }
        int before = file.problemCount();
        file.checkKeys(m, SCANNER, "scanner: ");
        String address = file.string(m, "address", true, null);
        if (address != null && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            file.problem(m.entries().get("address"), "address: expected an IPv4 address such as 203.0.113.66, got '"
                    + address + "'");
        }
        String bigip = file.bigip(m, bigips);
        Duration[] span = file.span(m, scenario, "scanner");
        int perVip = (int) file.number(m, "per_vip", 3, 1, MAX_PROBES_PER_VIP, true);
        return file.problemCount() > before || span == null ? null
                : new Scenario.PlannedScanner(bigip, address, span[0], span[1], perVip);
    }
}
