package io.tlswatch.processors.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A minimal HTTP endpoint for operators: {@code GET /metrics} (Prometheus text format: the input account
 * {@code tlswatch_input_records_total} among others) and {@code GET /health} ({@code 200} while the
 * pipeline runs, {@code 503} otherwise). Binds to loopback unless told otherwise (DESIGN §11).
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param host    address to bind, {@code 127.0.0.1} by default
     * @param port    port to bind, 0 for any free port
     * @param healthy whether the pipeline is running, for {@code /health}
     */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, Supplier<Boolean> healthy)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "GET only\n");
                return;
            }
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        });
        server.createContext("/health", exchange -> {
            boolean up = Boolean.TRUE.equals(healthy.get());
            respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
        });
        server.start();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
