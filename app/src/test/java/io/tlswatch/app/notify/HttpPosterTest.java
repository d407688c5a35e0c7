package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPosterTest {
    private final FakeReceiver receiver = new FakeReceiver();
    private final HttpPoster poster = new HttpPoster(Duration.ofSeconds(5),
            Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC));
    private final CompletableFuture<Void> never = new CompletableFuture<>();

    HttpPosterTest() throws Exception {}

    @AfterEach
    void close() {
        receiver.close();
    }

    private OutboundRequest request(String path) {
        return new OutboundRequest("pagerduty", URI.create(receiver.url() + path), "{\"a\":1}");
    }

    @Test
    void accepted() {
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never)).isEqualTo(new HttpPoster.Answer.Accepted(202));
        assertThat(receiver.received(FakeReceiver.PAGERDUTY)).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"a\":1}"));
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithTheServersRetryAfter() {
        receiver.script(FakeReceiver.PAGERDUTY,
                new FakeReceiver.Answer(429, Map.of("Retry-After", "3"), "{\"status\":\"throttle\"}"),
                new FakeReceiver.Answer(429, Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:10 GMT"), ""),
                new FakeReceiver.Answer(503, Map.of(), "upstream\ndown"),
                new FakeReceiver.Answer(408, Map.of(), ""));
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never)).isEqualTo(
                new HttpPoster.Answer.Retry("HTTP 429 (throttled): {\"status\":\"throttle\"}",
                        Optional.of(Duration.ofSeconds(3))));
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never)).isEqualTo(
                new HttpPoster.Answer.Retry("HTTP 429 (throttled)", Optional.of(Duration.ofSeconds(10))));
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never)).isEqualTo(
                new HttpPoster.Answer.Retry("HTTP 503: upstream down", Optional.empty()));
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never))
                .isInstanceOf(HttpPoster.Answer.Retry.class);
    }

    @Test
    void otherClientErrorsAreRejectedWithABoundedPrintableExcerpt() {
        receiver.script(FakeReceiver.PAGERDUTY,
                new FakeReceiver.Answer(400, Map.of(), "{\"status\":\"invalid event\",\n\"errors\":[\"x\"]}"),
                new FakeReceiver.Answer(404, Map.of(), "x".repeat(5000)),
                new FakeReceiver.Answer(302, Map.of("Location", "http://elsewhere"), ""));
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never)).isEqualTo(
                new HttpPoster.Answer.Rejected(400, "{\"status\":\"invalid event\", \"errors\":[\"x\"]}"));
        HttpPoster.Answer tooLong = poster.post(request(FakeReceiver.PAGERDUTY), never);
        assertThat(((HttpPoster.Answer.Rejected) tooLong).body()).hasSize(HttpPoster.BODY_EXCERPT_CHARS);
        assertThat(poster.post(request(FakeReceiver.PAGERDUTY), never)).as("redirects are not followed")
                .isEqualTo(new HttpPoster.Answer.Rejected(302, ""));
    }

    @Test
    void noServerIsARetry() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpPoster.Answer a = poster.post(new OutboundRequest("alertmanager",
                URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"), "[]"), never);
        assertThat(a).isInstanceOf(HttpPoster.Answer.Retry.class);
        assertThat(((HttpPoster.Answer.Retry) a).reason()).contains("ConnectException");
    }

    @Test
    void abortGivesUpARequestInFlight() throws Exception {
        receiver.hold();
        CompletableFuture<Void> abort = new CompletableFuture<>();
        CompletableFuture<HttpPoster.Answer> answer =
                CompletableFuture.supplyAsync(() -> poster.post(request(FakeReceiver.PAGERDUTY), abort));
        abort.complete(null);
        assertThat(answer.get()).isEqualTo(new HttpPoster.Answer.Stopped());
    }
}
