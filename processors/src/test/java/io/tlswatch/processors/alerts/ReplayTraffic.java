package io.tlswatch.processors.alerts;

import io.tlswatch.processors.scanners.ScannerRules;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.WireFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated traffic of VIPs on one BIG-IP for the rule tests: connections at a steady rate, each failing a class
 * with a probability that may change over time, the failures as joined outcomes from logs, and the system
 * poller's connection counts every 60 s. Seeded: the same calls give the same inputs.
 */
final class ReplayTraffic {
    static final String OBSERVER = "bigip-t1.example.net";
    static final long T0 = 1_772_438_400_000L; // 2026-03-02T08:00:00Z
    static final long MINUTE = 60_000;

    /** A share of one VIP's connections that fail one class between two times. */
    record Failing(String errorClass, double share, long fromMs, long toMs) {}

    private record Item(long timeMs, int order, String key, HandshakeOutcome outcome, VipAttempts attempts) {}

    private final List<Item> items = new ArrayList<>();
    private final SplittableRandom random;
    private int clientPorts = 1024;

    ReplayTraffic(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * A VIP with {@code perMinute} connections from {@code fromMs} to {@code toMs}; failures as given; when
     * {@code poller}, the poller counts its connections every minute (also after its traffic stops).
     */
    ReplayTraffic vip(String address, int perMinute, long fromMs, long toMs, long pollUntilMs, boolean poller,
            Failing... failing) {
        long gap = MINUTE / perMinute;
        long connections = 0;
        List<Long> connectionTimes = new ArrayList<>();
        for (long t = fromMs + random.nextLong(gap); t < toMs; t += gap) {
            connectionTimes.add(t);
            for (Failing f : failing) {
                if (t >= f.fromMs() && t < f.toMs() && random.nextDouble() < f.share()) {
                    items.add(new Item(t, 1, address + t, failure(address, f.errorClass(), t), null));
                    break;
                }
            }
        }
        if (poller) {
            int next = 0;
            for (long p = T0; p + MINUTE <= pollUntilMs; p += MINUTE) {
                long count = 0;
                while (next < connectionTimes.size() && connectionTimes.get(next) < p + MINUTE) {
                    if (connectionTimes.get(next) >= p) {
                        count++;
                    }
                    next++;
                }
                connections += count;
                items.add(new Item(p + MINUTE, 0, address, null, new VipAttempts(OBSERVER, "/Common/" + address,
                        address.substring(0, address.indexOf(':')), 443, null, p, p + MINUTE, count, false)));
            }
        }
        return this;
    }

    /** One client failing {@code errorClass} once on each of these VIPs, a second apart (a scanner's sweep). */
    ReplayTraffic sweep(String client, String errorClass, long fromMs, List<String> vips) {
        long t = fromMs;
        for (String vip : vips) {
            HandshakeOutcome o = failure(vip, errorClass, t);
            items.add(new Item(t, 1, vip + t, new HandshakeOutcome(o.connectionId().replace("198.51.", client + "#"),
                    o.observer(), t, "tcp", client, 40000, o.serverIp(), o.serverPort(), null, "failure",
                    errorClass, "client", null, null, null, null, List.of(), List.of()), null));
            t += 1000;
        }
        return this;
    }

    private HandshakeOutcome failure(String vip, String errorClass, long t) {
        String ip = vip.substring(0, vip.indexOf(':'));
        int port = Integer.parseInt(vip.substring(vip.indexOf(':') + 1));
        String client = "198.51." + random.nextInt(100, 104) + "." + random.nextInt(1, 255);
        int clientPort = clientPorts = clientPorts >= 65000 ? 1024 : clientPorts + 1;
        WireFacts wire = new WireFacts("shop.example.com", null, null, null, null, null, List.of("1.2", "1.3"),
                null, null, "t13d1516h2_8daaf6152771_02713d6af862", null, false);
        return new HandshakeOutcome(OBSERVER + "/" + client + ":" + clientPort + "->" + vip, OBSERVER, t, "tcp", client,
                clientPort, ip, port, null, "failure", errorClass, "client", null, "bigip", null, "reason",
                List.of("01260013"), List.of("Mar  2 08:00:00 bigip-t1 err tmm[1]: 01260013:3: SSL Handshake failed"),
                wire, null, null);
    }

    /** Everything so far through a replay; what came out. */
    Result replay(AlertPolicy policy) {
        items.sort(Comparator.comparingLong(Item::timeMs).thenComparingInt(Item::order).thenComparing(Item::key));
        Result result = new Result(new ArrayList<>(), new ArrayList<>());
        AlertReplay replay = new AlertReplay(policy, ScannerRules.defaults(), null, new AlertReplay.Output() {
            @Override
            public void rate(VipRate rate) {
                result.rates().add(rate);
            }

            @Override
            public void alert(AlertEvent alert) {
                result.alerts().add(alert);
            }
        });
        for (Item i : items) {
            if (i.outcome() != null) {
                replay.outcome(i.outcome(), i.timeMs());
            } else {
                replay.attempts(i.attempts(), i.timeMs());
            }
        }
        replay.finish();
        return result;
    }

    record Result(List<VipRate> rates, List<AlertEvent> alerts) {
        List<AlertEvent> of(String vip, String status) {
            return alerts.stream().filter(a -> vip.equals(a.payload().component()) && status.equals(a.status()))
                    .toList();
        }

        /** FIRING events a notifier would deliver. */
        List<AlertEvent> pages() {
            return alerts.stream().filter(a -> "FIRING".equals(a.status()) && a.delivered()).toList();
        }

        static long at(AlertEvent a) {
            return java.time.Instant.parse(a.payload().timestamp()).toEpochMilli();
        }
    }
}
