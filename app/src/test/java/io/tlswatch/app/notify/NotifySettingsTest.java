package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.TlswatchConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {
    @Test
    void defaults() {
        NotifySettings s = NotifySettings.from(TlswatchConfig.of(Map.of()));
        assertThat(s.pagerDutyUrl()).hasToString("https://events.pagerduty.com");
        assertThat(s.pagerDutyEnabled()).isFalse();
        assertThat(s.alertmanagerEnabled()).isFalse();
        assertThat(s.resend()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.groupId()).isEqualTo("tlswatch-notify");
        assertThat(s.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.retryMax()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void routingKeysPerRouteEnablePagerDutyAndAnAlertmanagerUrlEnablesAlertmanager() {
        NotifySettings s = NotifySettings.from(TlswatchConfig.of(Map.of(
                "notify.pagerduty.routing.default", " KEY0 ",
                "notify.pagerduty.routing.web-shop", "KEY1",
                "notify.alertmanager.url", "http://am.example:9093/",
                "notify.alertmanager.resend", "30s",
                "notify.group.id", "notify-eu")));
        assertThat(s.routingKeys()).isEqualTo(Map.of("default", "KEY0", "web-shop", "KEY1"));
        assertThat(s.pagerDutyEnabled()).isTrue();
        assertThat(s.alertmanagerUrl()).as("trailing slash dropped").hasToString("http://am.example:9093");
        assertThat(s.resend()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.groupId()).isEqualTo("notify-eu");
    }

    @Test
    void eachBadSettingIsNamedInTheError() {
        assertBad(Map.of("notify.alertmanager.url", "am.example:9093"), "notify.alertmanager.url: not an http");
        assertBad(Map.of("notify.alertmanager.url", "ftp://am.example"), "notify.alertmanager.url: not an http");
        assertBad(Map.of("notify.pagerduty.url", "https://"), "notify.pagerduty.url:");
        assertBad(Map.of("notify.pagerduty.url", "https://x y"), "notify.pagerduty.url: not a URL");
        assertBad(Map.of("notify.alertmanager.url", "http://am?x=1"), "notify.alertmanager.url: URL with a query");
        assertBad(Map.of("notify.alertmanager.resend", "soon"), "notify.alertmanager.resend: not a duration");
        assertBad(Map.of("notify.alertmanager.resend", "0s"), "notify.alertmanager.resend: must be positive");
        assertBad(Map.of("notify.retry.max", "10ms"), "notify.retry.max: ");
        assertBad(Map.of("notify.http.timeout", "-1s"), "notify.http.timeout");
        assertBad(Map.of("notify.pagerduty.routing.", "K"), "notify.pagerduty.routing.: no route name");
        assertBad(Map.of("notify.pagerduty.routing.shop", " "), "notify.pagerduty.routing.shop: empty routing key");
    }

    private static void assertBad(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> NotifySettings.from(TlswatchConfig.of(settings)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
