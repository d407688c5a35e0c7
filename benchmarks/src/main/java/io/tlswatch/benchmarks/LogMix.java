package io.tlswatch.benchmarks;

import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.Incident;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A realistic, deterministic mix of {@code f5.logs} records for the decoder benchmarks (DESIGN §4).
 *
 * <ul>
 *   <li>the bulk comes from {@link FleetSimulator}: the default two-host fleet's healthy noise (audit, monitors,
 *       APM, cron, sshd, journald, iRule TCL errors: 200 lines/s), its sporadic background SSL failures, and
 *       three incidents (expired certificate, no shared cipher on LDAPS, disabled protocol version) whose
 *       rate is chosen so that SSL lines make up about {@code sslPercent} % of the mix; each failed
 *       handshake writes its burst of 2 or 3 lines;</li>
 *   <li>about 5 % of the records are wrapped as Telemetry-Streaming syslog JSON
 *       ({@code {"data":"<line>","hostname":"…","telemetryEventCategory":"syslog"}});</li>
 *   <li>about 1 % lose their header ({@code tmm1[20358]: 01260013:4: …}), about 2 % get a {@code <PRI>}
 *       prefix, as relays and collectors do;</li>
 *   <li>about 0.5 % are hand-made SSL variants the simulator does not write: UDP (DTLS), route domains,
 *       IPv6 with and without brackets, {@code <line>} in angle brackets, 01260008 and another 0126 id.</li>
 * </ul>
 *
 * Same size and share, same bytes, on every JDK ({@link Random} is specified).
 */
public final class LogMix {
    /** Seed of every random choice. */
    public static final long SEED = 20_260_201L;
    /** First second of the simulated log. */
    public static final long START_MS = Instant.parse("2026-02-01T08:00:00Z").toEpochMilli();
    /** The processing clock the decoders get: shortly after the simulated log. */
    public static final long CLOCK_MS = START_MS + 86_400_000L;

    private static final int JSON_PER_MILLE = 50;
    private static final int STRIPPED_PER_MILLE = 10;
    private static final int PRI_PER_MILLE = 20;
    private static final int VARIANT_PER_MILLE = 5;
    /** SSL lines per failed handshake, averaged over the three incident kinds. */
    private static final double LINES_PER_FAILURE = (2 + 3 + 2) / 3.0;

    private final byte[][] lines;
    private final Composition composition;

    private LogMix(byte[][] lines, Composition composition) {
        this.lines = lines;
        this.composition = composition;
    }

    /**
     * What the mix holds, in records. A JSON record wrapping an SSL line counts in {@code ssl}, {@code json}
     * and {@code sslInJson}; "other" is what is neither SSL nor JSON.
     */
    public record Composition(int total, int ssl, int json, int sslInJson, int headerStripped, int pri,
                              int variants) {
        /** Share of records in percent. */
        public double percent(int count) {
            return 100.0 * count / total;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%d records: SSL %.1f %%, TS JSON %.1f %%, other (non-SSL syslog) %.1f %%; "
                            + "header-stripped %.1f %%, <PRI> %.1f %%, hand-made SSL variants %.2f %%",
                    total, percent(ssl), percent(json), 100.0 - percent(ssl) - percent(json) + percent(sslInJson),
                    percent(headerStripped), percent(pri), percent(variants));
        }
    }

    /** The records, each a UTF-8 line or JSON document without a trailing newline. Do not modify. */
    public byte[][] lines() {
        return lines;
    }

    public Composition composition() {
        return composition;
    }

    /**
     * Builds {@code size} records with about {@code sslPercent} % SSL lines.
     *
     * @param size       number of records, at least 1
     * @param sslPercent target share of SSL lines, 0..90
     */
    public static LogMix build(int size, int sslPercent) {
        if (size < 1 || sslPercent < 0 || sslPercent > 90) {
            throw new IllegalArgumentException("size >= 1 and sslPercent 0..90, got " + size + ", " + sslPercent);
        }
        SimulatorSettings defaults = SimulatorSettings.defaults(SEED);
        double noise = defaults.noiseLinesPerSecond();
        double background = defaults.backgroundSslFailuresPerSecond() * 2;
        double sslLinesPerSecond = Math.max(0, noise * sslPercent / (100.0 - sslPercent) - background);
        double failuresPerSecond = sslLinesPerSecond / LINES_PER_FAILURE / 3;
        long end = START_MS + 86_400_000L;
        SimulatorSettings settings = defaults
                .withIncident(new Incident("bigip-01.example.net", "10.10.1.10", 443, IncidentKind.CERT_EXPIRED,
                        START_MS, end, failuresPerSecond))
                .withIncident(new Incident("bigip-02.example.net", "10.10.2.13", 636,
                        IncidentKind.NO_SHARED_CIPHER, START_MS, end, failuresPerSecond))
                .withIncident(new Incident("bigip-01.example.net", "10.10.1.11", 443,
                        IncidentKind.PROTOCOL_VERSION, START_MS, end, failuresPerSecond));
        FleetSimulator simulator = new FleetSimulator(settings);

        Random r = new Random(SEED);
        List<byte[]> out = new ArrayList<>(size);
        int ssl = 0;
        int json = 0;
        int sslInJson = 0;
        int stripped = 0;
        int pri = 0;
        int variants = 0;
        for (long second = START_MS; out.size() < size; second += 1_000) {
            for (String simulated : simulator.linesForSecond(second)) {
                if (out.size() >= size) {
                    break;
                }
                String line = simulated;
                if (r.nextInt(1_000) < VARIANT_PER_MILLE) {
                    line = variant(r, simulated);
                    variants++;
                }
                boolean isSsl = line.contains("]: 0126");
                int roll = r.nextInt(1_000);
                if (roll < STRIPPED_PER_MILLE) {
                    line = line.substring(line.lastIndexOf(' ', line.indexOf("]: ")) + 1);
                    stripped++;
                } else if (roll < STRIPPED_PER_MILLE + PRI_PER_MILLE) {
                    // facility local0 (16), the line's own severity word is not parsed: use warning/notice
                    line = "<" + (16 * 8 + (isSsl ? 4 : 5)) + ">" + line;
                    pri++;
                }
                if (r.nextInt(1_000) < JSON_PER_MILLE) {
                    line = "{\"data\":\"" + jsonEscape(line) + "\",\"hostname\":\"" + host(simulated)
                            + "\",\"telemetryEventCategory\":\"syslog\"}";
                    json++;
                    sslInJson += isSsl ? 1 : 0;
                }
                ssl += isSsl ? 1 : 0;
                out.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new LogMix(out.toArray(new byte[0][]),
                new Composition(out.size(), ssl, json, sslInJson, stripped, pri, variants));
    }

    /** An SSL line the simulator does not write, with the stamp and host of {@code like}. */
    private static String variant(Random r, String like) {
        String[] t = like.split(" +", 5);
        String prefix = (like.charAt(4) == ' ' ? t[0] + "  " : t[0] + " ") + t[1] + " " + t[2] + " " + t[3]
                + " warning tmm" + r.nextInt(4) + "[" + (16_000 + r.nextInt(16_000)) + "]: ";
        int client = 2 + r.nextInt(253);
        int port = 1_024 + r.nextInt(64_512);
        String text = switch (r.nextInt(9)) {
            case 0 -> "01260013:4: SSL Handshake failed for UDP 198.51.100." + client + ":" + port
                    + " -> 10.10.1.12:4433";
            case 1 -> "01260013:4: SSL Handshake failed for TCP 10.60.12." + client + "%2:" + port
                    + " -> 10.10.1.10%2:443";
            case 2 -> "01260013:4: SSL Handshake failed for TCP 2001:db8:c1::" + client + ":" + port
                    + " -> 2001:db8:f5::10:443";
            case 3 -> "01260013:4: SSL Handshake failed for TCP [2001:db8:c1::" + client + "]:" + port
                    + " -> [2001:db8:f5::10]:443";
            case 4 -> "01260009:4: 2001:db8:c1::" + client + ":" + port
                    + " -> 2001:db8:f5::10:443: Connection error: ssl_codec_rx:2314: alert(46) received alert";
            case 5 -> "01260026:4: No shared ciphers between SSL peers 2001:db8:c1::" + client + "." + port
                    + ":2001:db8:f5::10.443.";
            case 6 -> "01260009:4: Connection error: ssl_select_suite:<9301>: no shared ciphers (40)";
            case 7 -> "01260008:3: SSL transaction (TPS) rate limit reached";
            // no public sample of the other 0126 ids exists (DESIGN §4): a plausible certificate error
            default -> "01260029:3: Certificate verification failed for 203.0.113." + client + ":" + port;
        };
        return prefix + text;
    }

    private static String host(String simulatedLine) {
        // "Mmm dd HH:MM:SS host ..." with a space-padded day
        return simulatedLine.split(" +", 5)[3];
    }

    /** RFC 8259 string escaping. */
    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
