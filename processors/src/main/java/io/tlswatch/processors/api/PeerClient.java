package io.tlswatch.processors.api;

import io.tlswatch.schemas.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the application (its {@code application.server}) for what it holds: the same API with
 * {@code local=true}, so it answers from its own stores and asks nobody else. Instances share one token.
 */
public final class PeerClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String token;

    /** @param token the bearer token this instance was given; null for none */
    public PeerClient(String token) {
        this.token = token;
    }

    /** GET {@code pathAndQuery} (already encoded) on the peer; the body is JSON. */
    public CompletableFuture<HttpResponse<String>> get(HostInfo peer, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HostPort.hostText(peer.host()) + ":" + peer.port() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
