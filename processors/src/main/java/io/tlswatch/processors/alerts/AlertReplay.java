package io.tlswatch.processors.alerts;

import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.scanners.ScannerCheck;
import io.tlswatch.processors.scanners.ScannerRules;
import io.tlswatch.processors.scanners.SourceActivity;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipRate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rates stage after the fact ({@code tlswatch analyze}, ADR 6): the same {@link VipEvaluator},
 * {@link StormControl} and {@link ScannerCheck} as the live pipeline, driven by the inputs in time order and
 * by their time alone. Every VIP's time moves on at every bucket boundary of the timeline, so a VIP that went
 * silent resolves on the files' own clock; the same inputs give the same records in the same order.
 *
 * <p>Feed inputs in time order (ties broken by the caller in a fixed way), then {@link #finish}.
 */
public final class AlertReplay {
    /** Where the records go, in the order they are made. */
    public interface Output {
        void rate(VipRate rate);

        void alert(AlertEvent alert);
    }

    private final AlertPolicy policy;
    private final VipEvaluator evaluator;
    private final StormControl storms;
    private final ScannerCheck scanners;
    private final Output output;
    private final TreeMap<String, VipState> vips = new TreeMap<>();
    private final TreeMap<String, StormState> stormStates = new TreeMap<>();
    private final Map<String, SourceActivity> clients = new HashMap<>();
    private final ScannerCheck.Memory memory = ScannerCheck.Memory.of(clients::get, clients::put);
    private final VipEvaluator.Sink sink = new VipEvaluator.Sink() {
        @Override
        public void rate(VipRate rate) {
            output.rate(rate);
        }

        @Override
        public void alert(AlertEvent event, long atMs) {
            storm(event, atMs);
        }
    };
    private static final long MINUTE_MS = 60_000;
    private long boundaryMs = Long.MIN_VALUE;
    private long newestMs = Long.MIN_VALUE;
    private long lastSweepMs = Long.MIN_VALUE;

    public AlertReplay(AlertPolicy policy, ScannerRules scannerRules, VipDirectory directory, Output output) {
        this.policy = policy;
        this.evaluator = new VipEvaluator(policy, directory);
        this.storms = new StormControl(policy);
        this.scanners = new ScannerCheck(scannerRules);
        this.output = output;
    }

    /** One joined outcome at its record time; scanners are tagged here again, in time order. */
    public void outcome(HandshakeOutcome o, long recordTimeMs) {
        moveTo(recordTimeMs);
        String why = scanners.why(o, recordTimeMs, memory);
        RateInput in = RateInput.of(o, recordTimeMs);
        if (in != null) {
            apply(in.withScanner(why));
        }
        sweepClients(recordTimeMs);
    }

    /** The poller's count of one VIP between two readings, at the time its document entered Kafka. */
    public void attempts(VipAttempts a, long recordTimeMs) {
        RateInput in = RateInput.of(a);
        if (in != null) {
            moveTo(recordTimeMs);
            apply(in.at(recordTimeMs));
        }
    }

    /**
     * The end of input: time moves to the newest input, no further (the files stop; an incident may not have), and
     * the rates that changed since their last record are written as they stand then.
     */
    public void finish() {
        if (newestMs == Long.MIN_VALUE) {
            return;
        }
        moveTo(newestMs);
        for (VipState s : vips.values()) {
            if (!VipEvaluator.idle(s)) {
                evaluator.advance(s, newestMs, sink);
                evaluator.writeRates(s, newestMs, sink);
            }
        }
    }

    private void apply(RateInput in) {
        VipState s = vips.computeIfAbsent(in.key(), k -> new VipState(in.observer(), in.vip()));
        evaluator.apply(s, in, sink);
    }

    /** Moves every VIP that still has something to say through each bucket boundary up to {@code t}. */
    private void moveTo(long t) {
        newestMs = Math.max(newestMs, t);
        long bucket = policy.bucket().toMillis();
        long last = Math.floorDiv(t, bucket) * bucket;
        if (boundaryMs == Long.MIN_VALUE) {
            boundaryMs = last;
            return;
        }
        for (long b = boundaryMs + bucket; b <= last; b += bucket) {
            boolean busy = false;
            for (VipState s : vips.values()) {
                if (!VipEvaluator.idle(s) && s.clockMs < b) {
                    evaluator.advance(s, b, sink);
                    busy = true;
                }
            }
            if (b % MINUTE_MS == 0) {
                long at = b;
                vips.values().removeIf(s -> evaluator.forgettable(s, at));
            }
            if (!busy) {
                b = Math.max(b, last - bucket); // nothing can happen in between: jump
            }
        }
        boundaryMs = Math.max(boundaryMs, last);
    }

    private void storm(AlertEvent child, long atMs) {
        String key = StormControl.stormKey(child);
        if (key == null) {
            output.alert(child);
            return;
        }
        StormState st = stormStates.computeIfAbsent(key,
                k -> new StormState(child.payload().source(), child.payload().className()));
        for (StormControl.Out out : storms.process(st, child, atMs)) {
            output.alert(out.event());
        }
        if (storms.isEmpty(st, atMs)) {
            stormStates.remove(key);
        }
    }

    /** Forgets clients quiet for a scanner window, as the live tagger's sweep does. */
    private void sweepClients(long t) {
        long window = Math.max(60_000, 2 * policy.longWindow().toMillis());
        if (lastSweepMs != Long.MIN_VALUE && t - lastSweepMs < window) {
            return;
        }
        lastSweepMs = t;
        clients.values().removeIf(a -> a.failures().isEmpty()
                || t - a.failures().get(a.failures().size() - 1).timeMs() > window * 10);
    }
}
