package io.tlswatch.processors.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What storm control remembers per (observer, error class) (the {@code alert-storms} store): the VIPs that fired
 * lately, the alerts of the class that still fire, and the parent alert while a storm lasts.
 */
public final class StormState {
    public String observer;
    public String errorClass;
    /** VIPs that fired within the storm window, oldest first. */
    public List<Recent> recent = new ArrayList<>();
    /** Firing alerts of this class on this observer, by dedup key. */
    public TreeMap<String, Child> children = new TreeMap<>();
    /** The storm's parent alert; null when there is no storm. */
    public Parent parent;

    public StormState() {}

    public StormState(String observer, String errorClass) {
        this.observer = observer;
        this.errorClass = errorClass;
    }

    public record Recent(String vip, long firedAtMs) {}

    /** A firing alert of one VIP. */
    public static final class Child {
        public String vip;
        public String vipName;
        public long failures;
        public Double ratio;
        public String severity;
        /** Covered by the parent: its events are written inhibited, never delivered. */
        public boolean inhibited;
        /** Counted in the parent: the parent resolves when the last member does. */
        public boolean member;
        /** A server a forward proxy (Netskope) talked to, not a BIG-IP VIP: the parent's hint says so too. */
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        public boolean proxy;
    }

    /** The parent alert of a storm. */
    public static final class Parent {
        public long firedAtMs;
        public long lastUpdateMs;
        public int sentMembers;
        /** The storm is a forward proxy's servers', fixed when it fires: its resolve speaks as its firing did. */
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        public boolean proxy;
    }
}
