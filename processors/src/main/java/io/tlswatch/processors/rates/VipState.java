package io.tlswatch.processors.rates;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything the rates stage remembers about one VIP (the {@code vip-rates} store, one value per
 * {@code observer/vip}): counts per time bucket over the long window, the poller's recent readings, and per error
 * class its learned level, its alert, and the evidence gathered for the alert. Mutable and plain, so the engine
 * updates it in place and Jackson stores it as it is; every collection is bounded by the windows or a named limit.
 */
public final class VipState {
    public String observer;
    public String vip;
    /** Event time of the first input of this VIP: warm-up starts here. */
    public long firstSeenMs = Long.MIN_VALUE;
    /** The time the state has been evaluated up to (event time). */
    public long clockMs = Long.MIN_VALUE;
    /** Start of the newest whole minute folded into the learned levels. */
    public long foldedMinuteMs = Long.MIN_VALUE;
    /** Counts per bucket start (epoch ms), the long window and a bucket more. */
    public TreeMap<Long, Bucket> buckets = new TreeMap<>();
    /** The poller's readings that overlap the long window, oldest first. */
    public List<PollerSpan> poller = new ArrayList<>();
    /** Per error class (wire name). */
    public TreeMap<String, ClassState> classes = new TreeMap<>();
    /** The last rate record written for all classes together; null when none is standing. */
    public Figures lastAll;
    /** Seen by a forward proxy (Netskope), not a BIG-IP: its alerts' hints speak of a server, not a profile. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean proxy;

    public VipState() {}

    public VipState(String observer, String vip) {
        this.observer = observer;
        this.vip = vip;
    }

    /** Counts of one bucket; zeros and empty maps are left out of the stored JSON (written per record). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public static final class Bucket {
        /** Handshakes seen in packets (success or failure). */
        public long packets;
        /** Successful handshakes known from events (logs) without packets. */
        public long successes;
        /** Failures per class, scanners excluded. */
        public TreeMap<String, Long> failures = new TreeMap<>();
        /** Failures per class of clients tagged as scanners. */
        public TreeMap<String, Long> scanners = new TreeMap<>();
    }

    /** Connections the poller counted between two readings. */
    public record PollerSpan(long fromMs, long toMs, long count) {}

    /** One class on this VIP. */
    public static final class ClassState {
        /** Learned failures per minute (exponentially weighted), every minute; see {@link #levelWeight}. */
        public double levelFailures;
        /**
         * The weight the learned level has gathered since the class was first seen (1 − (1 − α)^minutes): the
         * level divided by it is an unbiased mean from the first minutes on, instead of one that starts at zero.
         */
        public double levelWeight;
        /** Learned failures and attempts per minute, over minutes whose attempts were known: the usual ratio. */
        public double levelRatioFailures;
        public double levelRatioAttempts;
        public long lastFailureMs = Long.MIN_VALUE;
        /** The alert while it fires; null otherwise. */
        public Firing firing;
        /** What the failures of the current episode looked like. */
        public Evidence evidence = new Evidence();
        /** The last rate record written; null when none is standing. */
        public Figures lastRates;
    }

    /** An alert that fires. */
    public static final class Firing {
        public long firedAtMs;
        public long lastUpdateMs;
        public double sentRatio;
        public long sentFailures;
        public long peakFailures;
        public double peakRatio;
        /** Since when the resolve condition holds; {@code Long.MIN_VALUE} while the alert is still hot. */
        public long clearSinceMs = Long.MIN_VALUE;
    }

    /**
     * Counts over one window for the rates topic and the alert: failures (scanners apart), attempts and where they
     * came from ({@code packets}, {@code events}, {@code poller}, or {@code none}).
     */
    public record Figures(long failures, long scannerFailures, long attempts, String attemptsSource) {
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean attemptsKnown() {
            return !"none".equals(attemptsSource);
        }

        /** Σfailures / Σattempts; null without a denominator. */
        public Double ratio() {
            if (!attemptsKnown()) {
                return null;
            }
            long all = failures + scannerFailures;
            return attempts <= 0 ? (all > 0 ? 1.0 : 0.0) : Math.min(1.0, (double) failures / Math.max(attempts, all));
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isZero() {
            return failures == 0 && scannerFailures == 0;
        }
    }
}
