package io.tlswatch.processors.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.processors.alerts.AlertPolicy;
import io.tlswatch.processors.api.FleetApi;
import io.tlswatch.processors.api.LocalViews;
import io.tlswatch.processors.api.PeerClient;
import io.tlswatch.processors.api.VipViews;
import io.tlswatch.schemas.HostPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of {@code run} and {@code demo} (JDK {@code HttpServer}): the dashboard at {@code /}, the
 * API under {@code /api/} ({@code vips}, {@code vips/{observer}/{vip}}, {@code alerts}), Prometheus text on
 * {@code /metrics}, and {@code /health} ({@code /health/live}, {@code /health/ready}). Loopback unless told
 * otherwise; with {@code http.token} the API and the metrics ask for it ({@link HttpSettings}). It listens before
 * the Streams application starts, so that the application can name it as its {@code application.server}; the API
 * answers 503 until {@link #attach} gives it the application.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /**
     * A fleet answer waits on the other instances (up to 5 s), whose own local answers need a thread here too:
     * enough threads that waiting requests do not starve the instances' calls to each other.
     */
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpSettings settings;
    private final BearerToken token;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private volatile FleetApi api;
    /** The Streams application's state, or what {@link #metricsOnly} was told. */
    private volatile Supplier<Health> healthSource = () -> {
        KafkaStreams s = streams;
        return Health.of(s == null ? null : s.state());
    };

    private WebServer(HttpServer server, ExecutorService executor, HttpSettings settings, MeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.settings = settings;
        this.token = new BearerToken(settings.token());
        this.registry = registry;
    }

    /**
     * Binds and starts serving (the API answers 503 until {@link #attach}).
     *
     * @throws IllegalStateException one line naming {@code http.port} when the address cannot be bound
     */
    public static WebServer start(HttpSettings settings, MeterRegistry registry) throws IOException {
        WebServer web = bind(settings, registry);
        web.server.createContext("/api/", web::api);
        web.server.createContext("/", web::dashboard);
        web.server.start();
        return web;
    }

    /**
     * Only {@code /metrics} and {@code /health} (for a command that runs no Streams application, such as
     * {@code ingest syslog}): healthy while {@code up} says so.
     */
    public static WebServer metricsOnly(HttpSettings settings, MeterRegistry registry, BooleanSupplier up)
            throws IOException {
        WebServer web = bind(settings, registry);
        web.healthSource = () -> up.getAsBoolean()
                ? new Health("UP", true, true, "RUNNING") : new Health("DOWN", true, false, "NOT_RUNNING");
        web.server.start();
        return web;
    }

    private static WebServer bind(HttpSettings settings, MeterRegistry registry) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (BindException e) {
            throw new IllegalStateException(HttpSettings.PORT + ": cannot listen on " + settings.host() + ":"
                    + settings.port() + " (" + e.getMessage() + "); choose another " + HttpSettings.PORT
                    + ", or -1 for no server", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "tlswatch-http");
            t.setDaemon(true);
            return t;
        });
        WebServer web = new WebServer(server, executor, settings, registry);
        server.createContext("/metrics", web::metrics);
        server.createContext("/health", web::health);
        server.setExecutor(executor);
        return web;
    }

    /** Serves the API from this application's stores; {@code self} is its {@code application.server}. */
    public void attach(KafkaStreams streams, AlertPolicy policy) {
        this.api = new FleetApi(streams, new LocalViews(streams, new VipViews(policy)), new PeerClient(settings.token()),
                advertised());
        this.streams = streams;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Where other instances reach this one: {@code http.advertise}, else the bound address (this machine's name
     * when bound to every interface).
     */
    public HostInfo advertised() {
        if (settings.advertise() != null) {
            return HostInfo.buildFromEndpoint(settings.advertise());
        }
        return new HostInfo(publicHost(), port());
    }

    /** The dashboard's address, for a person to open. */
    public String url() {
        HostInfo h = advertised();
        return "http://" + HostPort.hostText(h.host()) + ":" + h.port() + "/";
    }

    private String publicHost() {
        String host = settings.host();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (!allowed(exchange)) {
            return;
        }
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            Responses.error(exchange, 404, "no Prometheus registry in this command");
            return;
        }
        Responses.text(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape());
    }

    private void health(HttpExchange exchange) throws IOException {
        Health h = healthSource.get();
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/health") && !path.equals("/health/live") && !path.equals("/health/ready")) {
            Responses.error(exchange, 404, "/health, /health/live or /health/ready");
            return;
        }
        boolean ok = path.equals("/health/live") ? h.live() : h.ready();
        Responses.json(exchange, ok ? 200 : 503, h);
    }

    private void api(HttpExchange exchange) throws IOException {
        try {
            if (!allowed(exchange)) {
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.error(exchange, 405, "GET only");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean local = "true".equals(query.get("local"));
            int limit = limit(query.get("limit"));
            String path = exchange.getRequestURI().getRawPath();
            String[] vip = path.startsWith("/api/vips/") && path.length() > "/api/vips/".length()
                    ? path.substring("/api/vips/".length()).split("/", -1) : null;
            boolean list = path.equals("/api/vips") || path.equals("/api/vips/");
            boolean alerts = path.equals("/api/alerts") || path.equals("/api/alerts/");
            if (vip != null && (vip.length != 2 || vip[0].isEmpty() || vip[1].isEmpty())) {
                Responses.error(exchange, 404, "a VIP is /api/vips/{observer}/{address:port}");
                return;
            }
            if (!list && !alerts && vip == null) {
                Responses.error(exchange, 404, "the API has /api/vips, /api/vips/{observer}/{vip} and /api/alerts");
                return;
            }
            FleetApi fleet = api;
            if (fleet == null) {
                Responses.error(exchange, 503, "the pipeline is starting; try again in a few seconds");
                return;
            }
            FleetApi.Answer answer = list ? fleet.vips(local, limit) : alerts ? fleet.alerts(local)
                    : fleet.vip(decode(vip[0]), decode(vip[1]), local);
            Responses.json(exchange, answer.status(), answer.body());
        } catch (IllegalArgumentException e) {
            Responses.error(exchange, 400, "bad request: " + e.getMessage());
        } catch (RuntimeException e) {
            // one bad answer must not take the server down: say so, log the cause
            LOG.warn("API request {} failed", exchange.getRequestURI(), e);
            Responses.error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void dashboard(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            Responses.error(exchange, 405, "GET only");
            return;
        }
        StaticFiles.serve(exchange);
    }

    /** Answers 401 and returns false when the token is required and missing or wrong. */
    private boolean allowed(HttpExchange exchange) throws IOException {
        if (token.allows(exchange)) {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"tlswatch\"");
        Responses.error(exchange, 401, "this server asks for its token: Authorization: Bearer <" + HttpSettings.TOKEN
                + ">");
        return false;
    }

    /** {@code limit}: the worst VIPs only (the dashboard's fleet table); absent: all. */
    private static int limit(String text) {
        if (text == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("limit: a positive number of VIPs, got '" + text + "'");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    /** A percent-encoded path segment; '+' is itself, not a space. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
