package io.tlswatch.processors.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
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

    private StaticFiles() {}

    static void serve(HttpExchange exchange) throws IOException {
        String name = FILES.get(exchange.getRequestURI().getPath());
        if (name == null) {
            Responses.text(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        byte[] body;
        try (InputStream in = StaticFiles.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                Responses.text(exchange, 500, "text/plain; charset=utf-8", "dashboard file missing from the jar\n");
                return;
            }
            body = in.readAllBytes();
        }
        Responses.bytes(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }
}
