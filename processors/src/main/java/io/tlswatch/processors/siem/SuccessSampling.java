package io.tlswatch.processors.siem;

import io.tlswatch.schemas.HandshakeOutcome;

/**
 * Which successful handshakes reach the SIEM (DESIGN §8: failures always; successes none, sampled or all). The
 * sample is chosen by a hash of the connection id, not by chance: the same connection is kept or dropped on
 * every instance and after every restart.
 *
 * @param share the share of successes kept, 0 (none) to 1 (all)
 */
public record SuccessSampling(double share) {
    private static final int BUCKETS = 10_000;

    public SuccessSampling {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("siem.successes.sample must be between 0 and 1, got " + share);
        }
    }

    public static SuccessSampling all() {
        return new SuccessSampling(1);
    }

    /** Whether the record of this outcome goes to the SIEM. */
    public boolean keeps(HandshakeOutcome o) {
        if (!"success".equals(o.outcome()) || share >= 1) {
            return true;
        }
        String id = o.connectionId() == null ? "" : o.connectionId();
        return Math.floorMod(id.hashCode() * 0x9E3779B1, BUCKETS) < share * BUCKETS;
    }
}
