package io.tlswatch.processors.certs;

import io.tlswatch.processors.alerts.AlertEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.TlswatchConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateWatchSettingsTest {
    private static CertificateWatchSettings of(Map<String, String> settings) {
        return CertificateWatchSettings.from(TlswatchConfig.of(settings));
    }

    @Test
    void defaults() {
        CertificateWatchSettings s = of(Map.of());
        assertThat(s).isEqualTo(CertificateWatchSettings.defaults());
        assertThat(s.horizons()).containsExactly(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1));
        assertThat(s.counters()).isEqualTo(CertificateWatchSettings.ProfileCounters.AUTO);
    }

    @Test
    void horizonsInAnyOrderAndUnit() {
        CertificateWatchSettings s = of(Map.of("alerts.cert.horizons", "12h, 14d,PT90M", "alerts.profile.counters", "On"));
        assertThat(s.horizons()).containsExactly(Duration.ofDays(14), Duration.ofHours(12), Duration.ofMinutes(90));
        assertThat(List.of(s.horizonLabel(0), s.horizonLabel(1), s.horizonLabel(2), s.horizonLabel(3)))
                .containsExactly("14d", "12h", "90m", "expired");
        assertThat(s.counters()).isEqualTo(CertificateWatchSettings.ProfileCounters.ON);
    }

    @Test
    void levelsAndSeverities() {
        CertificateWatchSettings s = CertificateWatchSettings.defaults();
        long day = 86_400_000L;
        assertThat(s.level(31 * day)).isEqualTo(-1);
        assertThat(s.level(30 * day)).as("on the horizon is within it").isZero();
        assertThat(s.level(7 * day + 1)).isZero();
        assertThat(s.level(6 * day)).isEqualTo(1);
        assertThat(s.level(1)).isEqualTo(2);
        assertThat(s.level(0)).isEqualTo(3);
        assertThat(List.of(s.severity(0), s.severity(1), s.severity(2), s.severity(3)))
                .containsExactly("warning", "error", "critical", "critical");
        CertificateWatchSettings one = of(Map.of("alerts.cert.horizons", "14d"));
        assertThat(List.of(one.severity(0), one.severity(1))).containsExactly("warning", "critical");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alerts.cert.horizons        | 30d,,1d",
        "alerts.cert.horizons        | 30d,7x",
        "alerts.cert.horizons        | 7d,7d",
        "alerts.cert.horizons        | 0s",
        "alerts.cert.horizons        | -1d",
        "alerts.cert.horizons        | 1d,2d,3d,4d,5d,6d,7d,8d,9d",
        "alerts.profile.min.failures | 0",
        "alerts.profile.min.failures | many",
        "alerts.profile.ratio        | 0",
        "alerts.profile.ratio        | 1.5",
        "alerts.profile.ratio        | NaN",
        "alerts.profile.counters     | sometimes",
        "alerts.profile.logs.memory  | 0s"})
    void badValuesNameTheirKey(String key, String value) {
        assertThatThrownBy(() -> of(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }

    @Test
    void overlongDedupKeysStayBoundedStableAndDistinct() {
        String a = AlertEvents.dedupKey("b".repeat(255), "cert:" + "n".repeat(1024), CertificateWatchTopology.CERT_CLASS);
        String b = AlertEvents.dedupKey("b".repeat(255), "cert:" + "n".repeat(1023) + "m", CertificateWatchTopology.CERT_CLASS);
        assertThat(a).hasSizeLessThanOrEqualTo(AlertEvents.MAX_DEDUP_KEY).matches("^tlswatch/.+/.+/cert_expiring$")
                .isNotEqualTo(b)
                .isEqualTo(AlertEvents.dedupKey("b".repeat(255), "cert:" + "n".repeat(1024), CertificateWatchTopology.CERT_CLASS));
        assertThat(AlertEvents.dedupKey("bigip-01", "cert:default.crt", "cert_expiring"))
                .isEqualTo("tlswatch/bigip-01/cert:default.crt/cert_expiring");
    }

    @Test
    void logsAndPollerNamesOfOneBigIpMeet() {
        assertThat(ObserverKeys.matchKey("BIGIP-01.example.com")).isEqualTo(ObserverKeys.matchKey("bigip-01"));
        assertThat(ObserverKeys.matchKey("10.0.0.5")).isNotEqualTo(ObserverKeys.matchKey("10.0.0.6"));
        assertThat(ObserverKeys.matchKey("2001:db8::5")).isEqualTo("2001:db8::5");
    }
}
