package io.tlswatch.processors.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlswatch.processors.topology.TlswatchTopology;
import io.tlswatch.schemas.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The API over every instance of the application: a VIP is asked of the instance whose task holds its partition
 * ({@link KafkaStreams#queryMetadataForKey}); the fleet lists gather every instance's own part
 * ({@link KafkaStreams#streamsMetadataForStore}) and say {@code partial} when one did not answer. With
 * {@code local}, an instance answers from its own stores only (what a peer asks for).
 */
public final class FleetApi {
    /** An HTTP status and the value to write as its JSON body. */
    public record Answer(int status, Object body) {
        static Answer error(int status, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            return new Answer(status, body);
        }
    }

    /**
     * The answer of {@code /api/vips}: the VIPs worst first ({@code limit} at most), {@code total} how many there
     * are in all.
     */
    public record VipList(List<VipViews.VipSummary> vips, int total, boolean partial, List<String> errors) {
        static VipList of(List<VipViews.VipSummary> all, int total, int limit, List<String> errors) {
            List<VipViews.VipSummary> sorted = new ArrayList<>(all);
            sorted.sort(VipViews.WORST_FIRST);
            return new VipList(List.copyOf(sorted.subList(0, Math.min(limit, sorted.size()))), total,
                    !errors.isEmpty(), errors);
        }
    }

    private final KafkaStreams streams;
    private final LocalViews local;
    private final PeerClient peers;
    private final HostInfo self;

    /** @param self this instance's {@code application.server} */
    public FleetApi(KafkaStreams streams, LocalViews local, PeerClient peers, HostInfo self) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.self = self;
    }

    /** Every VIP, worst first; {@code limit} the worst only (a peer sends its own worst, enough for the whole). */
    public Answer vips(boolean localOnly, int limit) {
        try {
            if (localOnly) {
                List<VipViews.VipSummary> mine = local.vips();
                return new Answer(200, VipList.of(mine, mine.size(), limit, List.of()));
            }
            List<VipViews.VipSummary> all = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            int[] total = {0};
            String peerPath = "/api/vips?local=true" + (limit == Integer.MAX_VALUE ? "" : "&limit=" + limit);
            gather(TlswatchTopology.VIP_RATES_STORE, peerPath, VipList.class, list -> {
                all.addAll(list.vips());
                total[0] += list.total();
            }, () -> {
                List<VipViews.VipSummary> mine = local.vips();
                all.addAll(mine);
                total[0] += mine.size();
            }, errors);
            return new Answer(200, VipList.of(all, total[0], limit, errors));
        } catch (InvalidStateStoreException e) {
            return notReady(e);
        }
    }

    public Answer alerts(boolean localOnly) {
        try {
            if (localOnly) {
                return new Answer(200, AlertViews.list(local.alerts(), false, List.of()));
            }
            List<AlertViews.AlertView> all = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            gather(TlswatchTopology.ALERT_BOARD_STORE, "/api/alerts?local=true", AlertViews.AlertList.class,
                    list -> {
                        all.addAll(list.active());
                        all.addAll(list.recent());
                    }, () -> all.addAll(local.alerts()), errors);
            return new Answer(200, AlertViews.list(all, !errors.isEmpty(), errors));
        } catch (InvalidStateStoreException e) {
            return notReady(e);
        }
    }

    /** One VIP, from the instance that holds it. */
    public Answer vip(String observer, String vip, boolean localOnly) {
        String key = observer + "/" + vip;
        try {
            if (!localOnly) {
                KeyQueryMetadata owner = streams.queryMetadataForKey(TlswatchTopology.VIP_RATES_STORE, key,
                        Serdes.String().serializer());
                if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                    return Answer.error(503, "the application is rebalancing; try again in a few seconds");
                }
                if (!isSelf(owner.activeHost())) {
                    return forward(owner.activeHost(), "/api/vips/" + segment(observer) + "/" + segment(vip)
                            + "?local=true");
                }
            }
            Optional<VipViews.VipDetail> detail = local.vip(key);
            return detail.<Answer>map(d -> new Answer(200, d))
                    .orElseGet(() -> Answer.error(404, "no recent handshakes of VIP " + vip + " on " + observer));
        } catch (InvalidStateStoreException e) {
            return notReady(e);
        }
    }

    private boolean isSelf(HostInfo host) {
        return self == null || host == null || host.equals(self) || host.port() < 0;
    }

    /** The peer's answer as it is (status and body), or 502 naming it. */
    private Answer forward(HostInfo owner, String path) {
        try {
            HttpResponse<String> response = peers.get(owner, path)
                    .get(PeerClient.REQUEST_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                // the caller's token was right (it reached us): the instances disagree, which is not the caller's 401
                return Answer.error(502, "the instance at " + owner + " that holds this VIP refused this instance's "
                        + "token: give every instance the same http.token");
            }
            return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.error(503, "interrupted");
        } catch (ExecutionException | TimeoutException | JsonProcessingException e) {
            return Answer.error(502, "the instance at " + owner + " that holds this VIP did not answer: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Every instance's part: this one's read here, the others' asked at once and awaited together. */
    private <T> void gather(String store, String path, Class<T> type, java.util.function.Consumer<T> add,
            Runnable addLocal, List<String> errors) {
        Collection<StreamsMetadata> hosts = streams.streamsMetadataForStore(store);
        Map<HostInfo, CompletableFuture<HttpResponse<String>>> asked = new LinkedHashMap<>();
        boolean selfSeen = false;
        for (StreamsMetadata m : hosts) {
            if (isSelf(m.hostInfo())) {
                selfSeen = true;
            } else {
                asked.put(m.hostInfo(), peers.get(m.hostInfo(), path));
            }
        }
        if (selfSeen || asked.isEmpty()) {
            addLocal.run();
        }
        for (Map.Entry<HostInfo, CompletableFuture<HttpResponse<String>>> e : asked.entrySet()) {
            try {
                HttpResponse<String> r = e.getValue().get(PeerClient.REQUEST_TIMEOUT.toMillis() + 500,
                        TimeUnit.MILLISECONDS);
                if (r.statusCode() != 200) {
                    errors.add(e.getKey() + " answered " + r.statusCode());
                } else {
                    add.accept(Json.MAPPER.readValue(r.body(), type));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                errors.add(e.getKey() + ": interrupted");
            } catch (ExecutionException | TimeoutException | JsonProcessingException ex) {
                errors.add(e.getKey() + " did not answer: " + ex.getClass().getSimpleName());
            }
        }
    }

    private static Answer notReady(InvalidStateStoreException e) {
        return Answer.error(503, "the state stores are not ready (starting or rebalancing); try again in a few seconds");
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
