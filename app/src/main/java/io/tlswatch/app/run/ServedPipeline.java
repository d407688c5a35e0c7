package io.tlswatch.app.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.serve.HttpSettings;
import io.tlswatch.processors.serve.WebServer;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The pipeline with its HTTP server (dashboard, API, metrics, health), as {@code run} and {@code demo} start it:
 * the server listens first, so that the Streams application can name it as its {@code application.server} (other
 * instances then ask this one for the VIPs it holds), and serves the API once the application exists.
 */
public final class ServedPipeline implements AutoCloseable {
    private final Pipeline pipeline;
    private final WebServer web;

    private ServedPipeline(Pipeline pipeline, WebServer web) {
        this.pipeline = pipeline;
        this.web = web;
    }

    /** {@code http.port} -1: the pipeline alone, no server. */
    public static ServedPipeline start(TlswatchConfig config, MeterRegistry registry) throws IOException {
        HttpSettings http = HttpSettings.from(config);
        if (!http.enabled()) {
            return new ServedPipeline(Pipeline.start(config, registry), null);
        }
        WebServer web = WebServer.start(http, registry);
        try {
            HostInfo self = web.advertised();
            Pipeline pipeline = Pipeline.start(config.with(Map.of(
                    TlswatchConfig.KAFKA_PREFIX + StreamsConfig.APPLICATION_SERVER_CONFIG,
                    self.host() + ":" + self.port())), registry);
            web.attach(pipeline.streams(), config.alertPolicy());
            return new ServedPipeline(pipeline, web);
        } catch (RuntimeException e) {
            web.close();
            throw e;
        }
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The server; null when {@code http.port} is -1. */
    public WebServer web() {
        return web;
    }

    @Override
    public void close() {
        pipeline.close();
        if (web != null) {
            web.close();
        }
    }
}
