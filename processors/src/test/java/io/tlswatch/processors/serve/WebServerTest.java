package io.tlswatch.processors.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.schemas.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server before a pipeline is attached: health, token, dashboard files, headers. The API itself: DashboardApiIT. */
class WebServerTest {
    private static final String TOKEN = "a-token-of-twenty-chars";
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthSaysStartingUntilAPipelineIsAttached() throws Exception {
        server = WebServer.start(new HttpSettings("127.0.0.1", 0, null, null), registry);
        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(Json.MAPPER.readTree(health.body()).toString())
                .isEqualTo("{\"status\":\"DOWN\",\"live\":true,\"ready\":false,\"state\":\"STARTING\"}");
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(503);
        assertThat(get("/health/other", null).statusCode()).isEqualTo(404);
        HttpResponse<String> api = get("/api/vips", null);
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.body()).contains("starting");
    }

    @Test
    void metricsAndTheApiAskForTheTokenHealthAndTheDashboardFilesDoNot() throws Exception {
        registry.counter("tlswatch_input_records_total", "result", "decoded").increment(3);
        server = WebServer.start(new HttpSettings("127.0.0.1", 0, TOKEN, null), registry);
        for (String path : new String[] {"/metrics", "/api/vips", "/api/alerts", "/api/vips/a/b"}) {
            HttpResponse<String> none = get(path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"tlswatch\"");
            assertThat(none.body()).as(path).contains("http.token").doesNotContain(TOKEN);
            assertThat(get(path, TOKEN + "x").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, TOKEN.substring(1)).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> metrics = get("/metrics", TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("tlswatch_input_records_total{result=\"decoded\"} 3.0");
        assertThat(get("/api/vips", TOKEN).statusCode()).as("past the token: starting").isEqualTo(503);
        assertThat(get("/health", null).statusCode()).isEqualTo(503);
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/app.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheDashboardFilesOnlyWithAStrictPolicy() throws Exception {
        server = WebServer.start(new HttpSettings("127.0.0.1", 0, null, null), registry);
        HttpResponse<String> index = get("/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("default-src 'none'")
                        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.body()).contains("<script src=\"app.js\"></script>");
        assertThat(get("/app.js", null).headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/style.css", null).statusCode()).isEqualTo(200);
        assertThat(get("/charts.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/favicon.svg", null).statusCode()).isEqualTo(200);
        assertThat(get("/../pom.xml", null).statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/index.html", null).statusCode()).isEqualTo(404);
        assertThat(get("/WebServer.class", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theDashboardNeverWritesMarkupFromData() throws Exception {
        // the rule of the dashboard's scripts, checked on their text: no innerHTML, outerHTML, insertAdjacentHTML,
        // document.write or eval anywhere (values go in with textContent and createTextNode only)
        server = WebServer.start(new HttpSettings("127.0.0.1", 0, null, null), registry);
        for (String file : new String[] {"/app.js", "/charts.js"}) {
            assertThat(get(file, null).body()).as(file)
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function");
        }
    }

    @Test
    void aTakenPortIsOneLineNamingTheKey() throws Exception {
        server = WebServer.start(new HttpSettings("127.0.0.1", 0, null, null), registry);
        try {
            WebServer.start(new HttpSettings("127.0.0.1", server.port(), null, null), registry).close();
            org.junit.jupiter.api.Assertions.fail("a second server bound the same port");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).startsWith("http.port: cannot listen on 127.0.0.1:" + server.port());
        }
    }
}
