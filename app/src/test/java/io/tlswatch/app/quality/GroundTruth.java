package io.tlswatch.app.quality;

import io.tlswatch.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What really happened in a replay, written beside its files as {@code ground-truth.json}: the incidents that
 * must page and the VIPs with their rates. Times are ISO-8601 instants.
 *
 * @param start     first instant of the replay
 * @param end       last instant of the replay (the files end there)
 * @param incidents every incident that must page; storm members share a {@code group}
 * @param scanner   the client that sweeps the VIPs and must page nothing
 */
record GroundTruth(String observer, String start, String end, List<VipRate> vips, List<Incident> incidents,
                   Scanner scanner) {

    static final String FILE = "ground-truth.json";

    GroundTruth {
        vips = List.copyOf(vips);
        incidents = List.copyOf(incidents);
    }

    /**
     * @param vip            {@code address:port}, as the alert's {@code payload.component}
     * @param background     steady failure fraction per class (as decoded)
     * @param silentFrom     when all its traffic stops, or null
     */
    record VipRate(String name, String vip, int connsPerMinute, Map<String, Double> background, String silentFrom) {
        VipRate {
            background = Map.copyOf(background);
        }
    }

    /**
     * One incident.
     *
     * @param name          the VIP's name (for the table)
     * @param vip           {@code address:port}
     * @param errorClass    the class tlswatch decodes its failures as
     * @param group         the storm it belongs to, or null
     * @param detectWithinS how soon after onset it must page by the goals, or null when they set no bound
     */
    record Incident(String observer, String name, String vip, String errorClass, String start, String end,
                    String group, Long detectWithinS) {
        Incident {
            Objects.requireNonNull(vip, "vip");
            Objects.requireNonNull(errorClass, "errorClass");
        }

        long startMs() {
            return Instant.parse(start).toEpochMilli();
        }

        long endMs() {
            return Instant.parse(end).toEpochMilli();
        }
    }

    /** The scanner's address and when it swept. */
    record Scanner(String client, String start, String end) {}

    void write(Path dir) throws IOException {
        Files.write(dir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    static GroundTruth read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), GroundTruth.class);
    }
}
