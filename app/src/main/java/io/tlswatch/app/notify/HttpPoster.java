package io.tlswatch.app.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Posts one {@link OutboundRequest} with the JDK's HTTP client and says what the answer means: 2xx accepted;
 * 408, 429, 5xx and connection errors worth a retry (with the server's {@code Retry-After}); any other status
 * rejected for good.
 */
public final class HttpPoster {
    /** Characters of a response body kept in logs and dead letters. */
    public static final int BODY_EXCERPT_CHARS = 512;

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public HttpPoster(Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** What one attempt came to. */
    public sealed interface Answer {
        /** The target took it (HTTP 2xx). */
        record Accepted(int status) implements Answer {}

        /** Try again later: throttled, the server failed, or no answer at all. */
        record Retry(String reason, Optional<Duration> retryAfter) implements Answer {}

        /** The target refused this request for good; {@code body} is an excerpt of its answer. */
        record Rejected(int status, String body) implements Answer {}

        /** The notifier is stopping; the attempt was abandoned. */
        record Stopped() implements Answer {}
    }

    /**
     * Sends and waits for the answer, or for {@code stop} to complete (the request is then cancelled).
     */
    public Answer post(OutboundRequest request, CompletableFuture<?> stop) {
        HttpRequest http = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "tlswatch-notify")
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            CompletableFuture.anyOf(pending, stop).get();
            if (!pending.isDone()) {
                pending.cancel(true);
                return new Answer.Stopped();
            }
            return classify(pending.get().statusCode(), pending.get().body(),
                    pending.get().headers().firstValue("Retry-After").orElse(null));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException || cause instanceof CancellationException) {
                return new Answer.Retry(describe(cause), Optional.empty());
            }
            return new Answer.Retry("request failed: " + describe(cause), Optional.empty());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Answer.Stopped();
        }
    }

    /** The meaning of an HTTP answer. */
    Answer classify(int status, String body, String retryAfter) {
        if (status >= 200 && status < 300) {
            return new Answer.Accepted(status);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new Answer.Retry("HTTP " + status + (status == 429 ? " (throttled)" : "") + excerptSuffix(body),
                    Backoff.parseRetryAfter(retryAfter, clock.instant()));
        }
        return new Answer.Rejected(status, excerpt(body));
    }

    private static String excerptSuffix(String body) {
        String e = excerpt(body);
        return e.isEmpty() ? "" : ": " + e;
    }

    /** A printable, bounded excerpt: control characters become spaces. */
    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(body.length(), BODY_EXCERPT_CHARS));
        for (int i = 0; i < body.length() && out.length() < BODY_EXCERPT_CHARS; i++) {
            char c = body.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString().strip();
    }

    private static String describe(Throwable t) {
        String kind = t.getClass().getSimpleName();
        return t.getMessage() == null ? kind : kind + ": " + t.getMessage();
    }
}
