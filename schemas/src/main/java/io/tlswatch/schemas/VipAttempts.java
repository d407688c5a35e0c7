package io.tlswatch.schemas;

/**
 * Handshake attempts on one virtual server between two system-poller readings, from the difference of
 * its {@code clientside.totConns} counter (DESIGN §9: a rate denominator). Published on
 * {@code tlswatch.attempts}, keyed {@code observer/vip-name}.
 *
 * @param fromMs       time of the earlier reading (epoch ms)
 * @param toMs         time of the later reading
 * @param attempts     connections opened in between
 * @param counterReset true when the counter went down (restart, statistics cleared): {@code attempts} is
 *                     then the count since the reset, a lower bound
 */
public record VipAttempts(
        String observer,
        String vipName,
        String address,
        Integer port,
        Integer routeDomain,
        long fromMs,
        long toMs,
        long attempts,
        boolean counterReset) {}
