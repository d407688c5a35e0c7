package io.tlswatch.processors;

import io.tlswatch.processors.alerts.AlertPolicy;
import io.tlswatch.processors.alerts.ClassKind;
import io.tlswatch.processors.certs.CertificateWatchSettings;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.connection.ConnectionJoinSettings;
import io.tlswatch.processors.connection.PacketJoinSettings;
import io.tlswatch.processors.scanners.ScannerRules;
import io.tlswatch.processors.siem.SuccessSampling;
import io.tlswatch.schemas.Durations;
import io.tlswatch.schemas.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * tlswatch settings: a properties file, overridden by environment variables, overridden by code. Keys
 * under {@code kafka.} pass through to the Kafka clients and Streams unchanged (security settings too);
 * the environment variable {@code TLSWATCH_KAFKA_BOOTSTRAP_SERVERS} sets {@code kafka.bootstrap.servers}
 * (prefix removed, lower case, {@code _} becomes {@code .}, except where a known key has one:
 * {@code TLSWATCH_ALERTS_CLASS_NOT_TLS_KIND} sets {@code alerts.class.not_tls.kind}).
 *
 * <p>{@link #validate()} checks every key and value before anything connects: an unknown key names the closest
 * known one ({@link ConfigKeys}), a bad value names its key and the expected form.
 */
public final class TlswatchConfig {
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String ENV_PREFIX = "TLSWATCH_";

    /** How long a command waits for Kafka to answer before it gives up with one line (README). */
    public static final String STARTUP_TIMEOUT = "startup.timeout";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> settings;
    /** Where a key was set when not in code: the file, or the environment variable. */
    private final Map<String, String> origins;

    private TlswatchConfig(Map<String, String> settings, Map<String, String> origins) {
        this.settings = Map.copyOf(settings);
        this.origins = Map.copyOf(origins);
    }

    public static TlswatchConfig of(Map<String, String> settings) {
        return new TlswatchConfig(settings, Map.of());
    }

    /** File settings, then environment overrides. */
    public static TlswatchConfig load(Path file, Map<String, String> environment) throws IOException {
        Map<String, String> merged = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> {
                merged.put(k, p.getProperty(k).trim());
                origins.put(k, file.toString());
            });
        }
        Map<String, String> names = new TreeMap<>();
        merged.putAll(fromEnvironment(environment, names));
        names.forEach((key, variable) -> origins.put(key, "environment " + variable));
        return new TlswatchConfig(merged, origins);
    }

    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, new TreeMap<>());
    }

    /** Our variables only ({@code TLSWATCH_*}, not the launcher's); {@code names} gets the variable of each key. */
    private static Map<String, String> fromEnvironment(Map<String, String> environment, Map<String, String> names) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()
                    && !ConfigKeys.ENVIRONMENT_NOT_SETTINGS.contains(name)) {
                String key = ConfigKeys.fromEnvironmentName(
                        name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT));
                out.put(key, value);
                names.put(key, name);
            }
        });
        return out;
    }

    /** A copy with more settings on top. */
    public TlswatchConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(settings);
        merged.putAll(overrides);
        Map<String, String> origins = new TreeMap<>(this.origins);
        overrides.keySet().forEach(origins::remove);
        return new TlswatchConfig(merged, origins);
    }

    /**
     * Checks every setting before anything connects: the first problem is an {@link IllegalArgumentException}
     * whose message starts with the key (and says where it was set); an unknown key names the closest known one.
     * Settings read elsewhere (the {@code notify.*} values) are checked there; their keys are checked here.
     *
     * @return this, for chaining
     */
    public TlswatchConfig validate() {
        REPLACED_ALERT_KEYS.forEach((old, now) -> {
            if (settings.containsKey(old)) {
                throw new IllegalArgumentException(where(old) + " is no longer a setting: use " + now);
            }
        });
        for (String key : settings.keySet()) {
            if (!ConfigKeys.known(key)) {
                throw new IllegalArgumentException(where(key) + ": unknown setting"
                        + ConfigKeys.closest(key).map(k -> "; did you mean " + k + "?")
                                .orElse(" (config/tlswatch.example.properties lists them all)"));
            }
        }
        try {
            topics();
            applicationId();
            syslogZone();
            syslogYear();
            joinWait();
            packetJoin();
            connectionJoin();
            scannerRules();
            successSampling();
            alertPolicy();
            changeWindow();
            netskopeHeaderRetention();
            CertificateWatchSettings.from(this);
            startupTimeout();
            stateFormat();
            bool("topics.create", true);
            positiveInteger("topics.partitions", 3);
            streamThreads();
            replication();
            httpPort();
            io.tlswatch.processors.serve.HttpSettings.from(this);
        } catch (IllegalArgumentException e) {
            // messages start with the key: say where it was set when not obvious
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            for (Map.Entry<String, String> o : origins.entrySet()) {
                if (message.startsWith(o.getKey() + ":") || message.startsWith(o.getKey() + " ")) {
                    throw new IllegalArgumentException(message + " (" + o.getValue() + ")", e);
                }
            }
            throw e;
        }
        return this;
    }

    /** The key and where it was set, for a message. */
    private String where(String key) {
        String origin = origins.get(key);
        return origin == null ? key : key + " (" + origin + ")";
    }

    /**
     * {@code kafka.num.stream.threads} of the pipeline ({@code run}, and the embedded one of {@code demo} and
     * {@code analyze}; default 2: operations guide, "Parallelism"). Kafka
     * accepts 0, which would start an instance that processes nothing; tlswatch refuses it.
     */
    public int streamThreads() {
        return positiveInteger("kafka.num.stream.threads", 2);
    }

    /** {@value #STARTUP_TIMEOUT}: how long a command waits for Kafka's first answer (default 30s). */
    public Duration startupTimeout() {
        Duration d = duration(STARTUP_TIMEOUT, DEFAULT_STARTUP_TIMEOUT);
        if (d.isZero()) {
            throw new IllegalArgumentException(STARTUP_TIMEOUT + ": must be positive, got '" + get(STARTUP_TIMEOUT)
                    + "' (use " + Durations.FORM + ")");
        }
        return d;
    }

    /**
     * {@code syslog.year}: the year of RFC 3164 stamps, which carry none; 0 (the default) takes the year closest
     * to the clock. Only offline work over old files ({@code tlswatch analyze --year}) needs it.
     */
    public int syslogYear() {
        String year = get("syslog.year", "0");
        int y;
        try {
            y = Integer.parseInt(year.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("syslog.year: not a year (0..9999): '" + year + "'", e);
        }
        if (y < 0 || y > 9999) {
            throw new IllegalArgumentException("syslog.year: must be within 0..9999, got " + y);
        }
        return y;
    }

    /** {@code state.memory.mb} (128): the RocksDB block cache and write buffers of all stores of the process. */
    public int stateMemoryMb() {
        return positiveInteger("state.memory.mb", 128);
    }

    /** {@code state.format} (smile): how stores, changelogs and repartition topics are encoded. */
    public StateFormat stateFormat() {
        return StateFormat.parse(get("state.format"));
    }

    /** {@code topics.partitions} of the topics tlswatch creates (default 3). */
    public int topicPartitions() {
        return positiveInteger("topics.partitions", 3);
    }

    /** {@code topics.replication} of the topics tlswatch creates; empty: the broker's default. */
    public java.util.Optional<Short> replication() {
        int r = integer("topics.replication", -1);
        if (get("topics.replication") == null || get("topics.replication").isBlank()) {
            return java.util.Optional.empty();
        }
        if (r < 1 || r > Short.MAX_VALUE) {
            throw new IllegalArgumentException("topics.replication: a replica count of at least 1, got " + r);
        }
        return java.util.Optional.of((short) r);
    }

    /** {@code topics.create}: whether missing topics are created (default true). */
    public boolean createTopics() {
        return bool("topics.create", true);
    }

    /** {@code http.port} of the metrics server (default 9464; -1 turns it off, 0 any free port). */
    public int httpPort() {
        int port = integer("http.port", 9464);
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("http.port: a port within 0..65535, or -1 for no server, got " + port);
        }
        return port;
    }

    public String get(String key) {
        return settings.get(key);
    }

    public String get(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    public TopicNames topics() {
        return TopicNames.from(settings);
    }

    /**
     * {@code netskope.observer}: the observer of Netskope WebTx rows that do not name their data plane
     * ({@code x-s-dp-name}), e.g. the tenant; default {@code netskope}.
     */
    public String netskopeObserver() {
        return get("netskope.observer", "netskope").strip();
    }

    /**
     * {@code netskope.header.retention}: how long a Netskope export stream may send nothing before its header is
     * forgotten (default 30 days; {@code 0s}: never). A stream that resumes later must send its header again.
     */
    public Duration netskopeHeaderRetention() {
        return duration("netskope.header.retention", Duration.ofDays(30));
    }

    public String applicationId() {
        return get("application.id", "tlswatch");
    }

    /** Zone of RFC 3164 syslog stamps, which carry none (DESIGN §4). */
    public ZoneId syslogZone() {
        String zone = get("syslog.timezone", "UTC");
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("syslog.timezone: unknown zone '" + zone + "'", e);
        }
    }

    /** How long a connection's lines wait for burst siblings before its outcome is emitted. */
    public Duration joinWait() {
        Duration wait = duration("join.wait", Duration.ofSeconds(2));
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("join.wait must be positive, got " + wait);
        }
        return wait;
    }

    /** The longest {@code alerts.changes.window}: changes older than a day are history, not a cause. */
    public static final Duration MAX_CHANGE_WINDOW = Duration.ofHours(24);

    /**
     * How far before an alert fires the configuration changes on its BIG-IP are attached to it
     * ({@code alerts.changes.window}, default 15 min; 0 attaches none).
     */
    public Duration changeWindow() {
        Duration w = duration("alerts.changes.window", Duration.ofMinutes(15));
        if (w.compareTo(MAX_CHANGE_WINDOW) > 0) {
            throw new IllegalArgumentException("alerts.changes.window must be at most " + MAX_CHANGE_WINDOW
                    + ", got " + w);
        }
        return w;
    }

    /**
     * The packet join: {@code packets.wait} (quiet time before a connection is judged on what arrived, default
     * 5s), {@code packets.max.summaries} (16) and {@code packets.max.bytes} (262144 base64 characters of payload
     * head) per connection.
     */
    public PacketJoinSettings packetJoin() {
        PacketJoinSettings d = PacketJoinSettings.defaults();
        return new PacketJoinSettings(
                duration("packets.wait", d.quiet()),
                integer("packets.max.summaries", d.maxSummaries()),
                integer("packets.max.bytes", (int) d.maxBytes()));
    }

    /**
     * The connection join of log and packet outcomes: {@code connections.wait} (default 10s),
     * {@code connections.max.skew} (2m), {@code connections.source.memory} (10m) and {@code connections.expect}
     * ({@code auto}, or {@code both} to always wait for the other source).
     */
    public ConnectionJoinSettings connectionJoin() {
        ConnectionJoinSettings d = ConnectionJoinSettings.defaults();
        String expect = settings.getOrDefault("connections.expect", "auto").strip().toLowerCase(Locale.ROOT);
        if (!expect.equals("auto") && !expect.equals("both")) {
            throw new IllegalArgumentException("connections.expect must be auto or both, got '" + expect + "'");
        }
        return new ConnectionJoinSettings(
                duration("connections.wait", d.waitTime()),
                duration("connections.max.skew", d.maxSkew()),
                duration("connections.source.memory", d.sourceMemory()),
                expect.equals("both"));
    }

    /**
     * Scanner tagging: {@code scanners.min.vips} (5), {@code scanners.window} (5m), {@code scanners.ja3} and
     * {@code scanners.ja4} (comma-separated fingerprints), {@code scanners.page} (false: scanner failures stay out of
     * the paging rates).
     */
    public ScannerRules scannerRules() {
        ScannerRules d = ScannerRules.defaults();
        return new ScannerRules(
                integer("scanners.min.vips", d.minVips()),
                duration("scanners.window", d.window()),
                list("scanners.ja3"),
                list("scanners.ja4"),
                bool("scanners.page", false));
    }

    /**
     * Successful handshakes on {@code tlswatch.handshakes}: {@code siem.successes} = {@code all} (default),
     * {@code none}, or {@code sampled} with {@code siem.successes.sample} (a share, default 0.01). Failures always.
     */
    public SuccessSampling successSampling() {
        String mode = settings.getOrDefault("siem.successes", "all").strip().toLowerCase(Locale.ROOT);
        double sample = decimal("siem.successes.sample", 0.01); // checked even when not used
        if (!(sample >= 0 && sample <= 1)) {
            throw new IllegalArgumentException("siem.successes.sample: a share within 0..1 (0.01 is 1 %), got '"
                    + get("siem.successes.sample") + "'");
        }
        double share = switch (mode) {
            case "all" -> 1.0;
            case "none" -> 0.0;
            case "sampled" -> sample;
            default -> throw new IllegalArgumentException(
                    "siem.successes must be all, none or sampled, got '" + mode + "'");
        };
        return new SuccessSampling(share);
    }

    private Set<String> list(String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>();
        for (String item : v.split(",")) {
            if (!item.isBlank()) {
                out.add(item.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Keys of the first alert rule (a count per window), replaced by the rules of {@link #alertPolicy()}. */
    private static final Map<String, String> REPLACED_ALERT_KEYS = Map.of(
            "alerts.fire.failures", "alerts.server.min.failures / alerts.client.min.failures",
            "alerts.resolve.failures", "the resolve hysteresis (half the fire thresholds) and alerts.resolve.hold",
            "alerts.grace", "nothing: late failures count while their bucket is inside alerts.window.long",
            "rates.grace", "nothing: late failures count while their bucket is inside alerts.window.long");

    /** Keys that were settings once and now fail with a message saying what replaced them. */
    static java.util.Set<String> retiredKeys() {
        return REPLACED_ALERT_KEYS.keySet();
    }

    /**
     * The alert rules (DESIGN §9; the README's policy table): {@code alerts.window} (short, 1m),
     * {@code alerts.window.long} (5m), {@code alerts.server.ratio} (0.10) and {@code alerts.server.min.failures} (5),
     * {@code alerts.client.ratio} (0.05) and {@code alerts.client.min.failures} (10), per class
     * {@code alerts.class.<class>.kind} ({@code server}, {@code client}, {@code noise}), {@code .ratio} and
     * {@code .min.failures}; {@code alerts.baseline.factor} (3),
     * {@code alerts.warmup} (5m), {@code alerts.resolve.hold} (30s), {@code alerts.update.every} (5m),
     * {@code alerts.storm.vips} (3), {@code alerts.storm.window} (2m), {@code alerts.check.every} (5s),
     * {@code rates.every} (15s), {@code rates.bucket} (5s), {@code rates.poller.stale} (5m), {@code scanners.page}.
     */
    public AlertPolicy alertPolicy() {
        REPLACED_ALERT_KEYS.forEach((old, now) -> {
            if (settings.containsKey(old)) {
                throw new IllegalArgumentException(old + " is no longer a setting: use " + now);
            }
        });
        AlertPolicy d = AlertPolicy.defaults();
        Map<ErrorClass, AlertPolicy.ClassRule> classes = new EnumMap<>(ErrorClass.class);
        AlertPolicy.ClassRule server = kindRule("alerts.server", AlertPolicy.defaultRule(ClassKind.SERVER));
        AlertPolicy.ClassRule client = kindRule("alerts.client", AlertPolicy.defaultRule(ClassKind.CLIENT));
        for (ErrorClass c : ErrorClass.values()) {
            String prefix = "alerts.class." + c.wireName();
            String kindText = get(prefix + ".kind");
            ClassKind kind = kindText == null || kindText.isBlank()
                    ? ClassKind.defaultFor(c) : ClassKind.parse(prefix + ".kind", kindText);
            AlertPolicy.ClassRule base = switch (kind) {
                case SERVER -> server;
                case CLIENT -> client;
                case NOISE -> AlertPolicy.defaultRule(ClassKind.NOISE);
            };
            classes.put(c, new AlertPolicy.ClassRule(kind, ratio(prefix + ".ratio", base.ratio()),
                    positiveInteger(prefix + ".min.failures", base.minFailures())));
        }
        for (String key : settings.keySet()) {
            if (key.startsWith("alerts.class.")) {
                String rest = key.substring("alerts.class.".length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                String field = dot < 0 ? "" : rest.substring(dot + 1);
                if (ErrorClass.fromWireName(name) == ErrorClass.UNCLASSIFIED && !name.equals("unclassified")) {
                    throw new IllegalArgumentException(key + ": unknown error class '" + name + "'");
                }
                if (!field.equals("kind") && !field.equals("ratio") && !field.equals("min.failures")) {
                    throw new IllegalArgumentException(key + ": unknown setting (use " + "alerts.class." + name
                            + ".kind, .ratio or .min.failures)");
                }
            }
        }
        return new AlertPolicy(
                duration("rates.bucket", d.bucket()),
                duration("alerts.window", d.shortWindow()),
                duration("alerts.window.long", d.longWindow()),
                classes,
                decimal("alerts.baseline.factor", d.baselineFactor()),
                duration("alerts.warmup", d.warmup()),
                duration("alerts.resolve.hold", d.resolveHold()),
                duration("alerts.update.every", d.updateEvery()),
                duration("rates.poller.stale", d.pollerStale()),
                duration("rates.every", d.ratesEvery()),
                positiveInteger("alerts.storm.vips", d.stormVips()),
                duration("alerts.storm.window", d.stormWindow()),
                duration("alerts.check.every", d.checkEvery()),
                bool("scanners.page", false));
    }

    private AlertPolicy.ClassRule kindRule(String prefix, AlertPolicy.ClassRule d) {
        return new AlertPolicy.ClassRule(d.kind(), ratio(prefix + ".ratio", d.ratio()),
                positiveInteger(prefix + ".min.failures", d.minFailures()));
    }

    private double ratio(String key, double fallback) {
        double v = decimal(key, fallback);
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(key + ": a ratio in (0, 1] (0.1 is 10 %), got '" + get(key) + "'");
        }
        return v;
    }

    private double decimal(String key, double fallback) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + v + "'", e);
        }
    }

    private int positiveInteger(String key, int fallback) {
        int v = integer(key, fallback);
        if (v < 1) {
            throw new IllegalArgumentException(key + ": must be at least 1, got " + v);
        }
        return v;
    }

    private boolean bool(String key, boolean fallback) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": true or false, got '" + v + "'");
        };
    }

    /** The {@code kafka.*} settings with the prefix removed. */
    public Map<String, String> kafka() {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX)) {
                out.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return out;
    }

    /** A duration in {@link Durations}' grammar ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code PT30S}), never negative. */
    public Duration duration(String key, Duration fallback) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The one duration grammar: {@link Durations#parse}. */
    public static Duration parseDuration(String text) {
        return Durations.parse(text);
    }

    private int integer(String key, int fallback) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not an integer: '" + v + "'", e);
        }
    }

    public Map<String, String> asMap() {
        return settings;
    }
}
