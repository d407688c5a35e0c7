package io.tlswatch.processors.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * The dashboard: a fixed set of files from the jar ({@code dashboard/} beside this class), no directory
 * listing, no path from the request used to find a file beyond the names below.
 */
final class StaticFiles {
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/charts.js", "charts.js",
            "/style.css", "style.css",
            "/favicon.svg", "favicon.svg");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    /** Each file's bytes, read from the jar once. */
    private static final Map<String, byte[]> CONTENT = load();

    private StaticFiles() {}

    private static Map<String, byte[]> load() {
        Map<String, byte[]> content = new HashMap<>();
        for (String name : new HashSet<>(FILES.values())) {
            try (InputStream in = StaticFiles.class.getResourceAsStream("dashboard/" + name)) {
                if (in != null) {
                    content.put(name, in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dashboard/" + name + " from the jar", e);
            }
        }
        return Map.copyOf(content);
    }

    static void serve(HttpExchange exchange) throws IOException {
        String name = FILES.get(exchange.getRequestURI().getPath());
        if (name == null) {
            Responses.text(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        byte[] body = CONTENT.get(name);
        if (body == null) {
            Responses.text(exchange, 500, "text/plain; charset=utf-8", "dashboard file missing from the jar\n");
            return;
        }
        Responses.bytes(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }
}
