package io.tlswatch.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigKeysTest {
    /** The checkout's root: tests run in the module directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void anUnknownKeyNamesTheClosestKnownOne() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.windw", "1m")).validate())
                .hasMessage("alerts.windw: unknown setting; did you mean alerts.window?");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.class.cert_expird.kind", "server")).validate())
                .hasMessageContaining("did you mean alerts.class.cert_expired.kind?");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("notfy.pagerduty.url", "https://x")).validate())
                .hasMessageContaining("did you mean notify.pagerduty.url?");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("completely.different.thing", "1")).validate())
                .hasMessageContaining("completely.different.thing: unknown setting (config/tlswatch.example.properties");
    }

    @Test
    void familiesAndKafkaSettingsAreKnown() {
        assertThatCode(() -> TlswatchConfig.of(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.anything.kafka.checks", "x",
                "alerts.class.not_tls.kind", "server",
                "alerts.class.cert_bad.min.failures", "3",
                "notify.pagerduty.routing.web-shop", "key",
                "startup.timeout", "5s")).validate()).doesNotThrowAnyException();
    }

    @Test
    void retiredKeysKeepTheirMessage() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.grace", "1m")).validate())
                .hasMessageStartingWith("alerts.grace is no longer a setting: use");
    }

    @Test
    void environmentVariablesAreCheckedLikeFileKeysAndOthersIgnored() throws IOException {
        Map<String, String> env = Map.of("TLSWATCH_ALERTS_WINDW", "1m", "PATH", "/bin", "JAVA_HOME", "/jdk",
                "TLSWATCH_JAVA_OPTS", "-Xmx1g", "TLSWATCH_SHARED_DATA", "/data");
        assertThatThrownBy(() -> TlswatchConfig.load(null, env).validate())
                .hasMessage("alerts.windw (environment TLSWATCH_ALERTS_WINDW): unknown setting; did you mean alerts.window?");
        TlswatchConfig ok = TlswatchConfig.load(null, Map.of("TLSWATCH_ALERTS_CLASS_NOT_TLS_KIND", "server",
                "TLSWATCH_JAVA_OPTS", "-Xmx1g", "HOME", "/root")).validate();
        assertThat(ok.get("alerts.class.not_tls.kind")).isEqualTo("server");
    }

    @Test
    void aBadValueNamesTheKeyTheExpectedFormAndTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("t.properties"), "alerts.warmup=-5m\n");
        assertThatThrownBy(() -> TlswatchConfig.load(file, Map.of()).validate())
                .hasMessageContaining("alerts.warmup: negative duration: '-5m'")
                .hasMessageContaining("use a duration such as").hasMessageContaining(file.toString());
        for (Map.Entry<String, String> bad : Map.of(
                "topics.partitions", "many", "topics.replication", "0", "http.port", "99999",
                "topics.create", "perhaps", "startup.timeout", "0s", "syslog.year", "MMXXV",
                "siem.successes.sample", "lots", "alerts.cert.horizons", "30d,soon",
                "alerts.profile.counters", "sometimes", "packets.wait", "5").entrySet()) {
            assertThatThrownBy(() -> TlswatchConfig.of(Map.of(bad.getKey(), bad.getValue())).validate())
                    .as(bad.toString()).hasMessageStartingWith(bad.getKey());
        }
    }

    @Test
    void theExampleConfigIsValidWithEveryCommentedSettingSwitchedOn() throws IOException {
        Path example = ROOT.resolve("config/tlswatch.example.properties");
        TlswatchConfig.load(example, Map.of()).validate();
        // the commented settings too: an example that names a retired or misspelt key misleads
        List<String> lines = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(example)) {
            Matcher m = Pattern.compile("^#([a-z][a-z0-9_.-]*)=(.*)$").matcher(line);
            if (m.matches()) {
                keys.add(m.group(1));
                lines.add(m.group(1) + "=" + m.group(2));
            } else {
                lines.add(line);
            }
        }
        Path all = Files.write(dir.resolve("all.properties"), lines);
        TlswatchConfig.load(all, Map.of()).validate();
        // and it documents every setting (families by one example each)
        Set<String> undocumented = new TreeSet<>(ConfigKeys.KEYS);
        undocumented.removeAll(keys);
        undocumented.removeAll(TlswatchConfig.load(example, Map.of()).asMap().keySet());
        undocumented.remove("analysis.outcomes.topic"); // set by tlswatch analyze, not by users
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theCatalogueHoldsEveryKeyTheCodeReads() throws IOException {
        // every quoted "section.name" literal of a settings section in the main sources
        Pattern literal = Pattern.compile("\"((?:alerts|rates|topics|notify|syslog|join|packets|connections|scanners"
                + "|siem|http|observer|application|analysis|startup)\\.[a-z0-9_.]*[a-z0-9_])\"");
        Set<String> notSettings = Set.of("alerts.jsonl", "rates.jsonl");
        Set<String> missing = new TreeSet<>();
        for (String module : List.of("schemas", "ingest", "processors", "app")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) {
                        String key = m.group(1);
                        boolean prefix = ConfigKeys.concrete().stream().anyMatch(k -> k.startsWith(key + "."));
                        if (!notSettings.contains(key) && !ConfigKeys.known(key) && !prefix
                                && !TlswatchConfig.retiredKeys().contains(key)) {
                            missing.add(key + " (" + f.getFileName() + ")");
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
