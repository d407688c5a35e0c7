package io.tlswatch.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GETs on one instance's HTTP server, with a bearer token or none. */
record ApiClient(int port, String token) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    Reply get(String path) throws IOException, InterruptedException {
        return get(path, token);
    }

    Reply get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
        return new Reply(response.statusCode(), body, response);
    }

    static String vipPath(String observer, String vip) {
        return "/api/vips/" + URLEncoder.encode(observer, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(vip, StandardCharsets.UTF_8);
    }
}
