package io.tlswatch.ingest.simulator;

import java.util.List;

/**
 * The fixed facts of one simulated BIG-IP: pids of its long-lived daemons and its VIPs. All TMM threads
 * ({@code tmm}, {@code tmm1}...) share {@code tmmPid}, as on a real system.
 */
record HostProfile(String name, int index, int tmmPid, int mcpdPid, int apmdPid, int journalPid,
                   List<Integer> httpdPids, int selectSuiteLine, List<Vip> vips) {

    /** TMM threads of a host; each connection is handled by one of them. */
    static final List<String> TMM_THREADS = List.of("tmm", "tmm1", "tmm2", "tmm3");
}
