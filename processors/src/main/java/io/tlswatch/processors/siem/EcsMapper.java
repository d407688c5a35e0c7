package io.tlswatch.processors.siem;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.classify.TlsAlerts;
import io.tlswatch.processors.decode.SyslogTimestamps;
import io.tlswatch.processors.decode.wire.CommunityId;
import io.tlswatch.processors.packets.UnknownReason;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.ServerCertificate;
import io.tlswatch.schemas.VipInfo;
import io.tlswatch.schemas.WireFacts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Builds the ECS document of DESIGN §8 for one outcome (field list: README, "For the SIEM"). Thread-safe: the
 * Community ID digest is per thread.
 */
public final class EcsMapper {
    /** The observer name of records that name none (the log decoder's and the capture point's default). */
    static final String UNKNOWN_OBSERVER = "unknown";
    /** Each line of {@code event.original} is cut here: three of them stay well under a document's budget. */
    static final int MAX_ORIGINAL_LINE_CHARS = 4096;
    static final String NETSKOPE_VENDOR = "Netskope";
    static final String NETSKOPE_PRODUCT = "Secure Web Gateway";

    private static final EcsMapper UTC_NOW = new EcsMapper(ZoneOffset.UTC, System::currentTimeMillis);

    private final String timezone;
    private final LongSupplier clock;
    private final ThreadLocal<CommunityId> communityId = ThreadLocal.withInitial(CommunityId::new);

    /**
     * @param syslogZone the zone BSD syslog stamps are read in ({@code syslog.timezone}): {@code event.timezone}
     * @param clock      epoch ms, for {@code event.created}
     */
    public EcsMapper(ZoneId syslogZone, LongSupplier clock) {
        // ECS accepts a zone id or an offset: ZoneOffset.UTC's id is "Z", which is neither
        this.timezone = syslogZone.equals(ZoneOffset.UTC) ? "+00:00" : syslogZone.getId();
        this.clock = clock;
    }

    /** The document with BSD stamps read in UTC, created now. */
    public static EcsHandshake toEcs(HandshakeOutcome o) {
        return UTC_NOW.map(o);
    }

    public EcsHandshake map(HandshakeOutcome o) {
        WireFacts w = o.wire();
        boolean failed = "failure".equals(o.outcome());
        ErrorClass errorClass = failed ? ErrorClass.fromWireName(o.errorClass()) : null;
        List<String> related = new ArrayList<>(2);
        if (o.clientIp() != null) {
            related.add(o.clientIp());
        }
        if (o.serverIp() != null && !o.serverIp().equals(o.clientIp())) {
            related.add(o.serverIp());
        }
        String sni = w == null ? null : w.sni();
        String lastMsgid = o.msgids().isEmpty() ? null : o.msgids().get(o.msgids().size() - 1);
        // a fatal alert ends the handshake (RFC 8446 §6.2): one on a success can only have been a warning
        String level = failed ? "fatal" : "success".equals(o.outcome()) ? "warning" : null;
        EcsHandshake.Alert alert = o.alertCode() == null
                ? null
                : new EcsHandshake.Alert(o.alertCode(), TlsAlerts.name(o.alertCode()), o.alertSender(), level);
        UnknownReason unknown = "unknown".equals(o.outcome()) ? UnknownReason.of(o.reason()) : null;
        String eventReason = errorClass != null ? errorClass.wireName() : unknown == null ? null : unknown.code();
        return new EcsHandshake(
                Instant.ofEpochMilli(o.timestampMs()).toString(),
                new EcsHandshake.Ecs(EcsHandshake.ECS_VERSION),
                event(o, w, lastMsgid, eventReason),
                observer(o, w),
                o.clientIp() == null ? null : new EcsHandshake.Endpoint(o.clientIp(), o.clientPort()),
                o.serverIp() == null && sni == null
                        ? null : new EcsHandshake.Endpoint(o.serverIp(), o.serverPort(), sni),
                network(o, w, errorClass),
                related.isEmpty() && sni == null
                        ? null
                        : new EcsHandshake.Related(related.isEmpty() ? null : List.copyOf(related),
                                sni == null ? null : List.of(sni)),
                tls(o, w),
                failed
                        ? new EcsHandshake.Error(
                                o.alertCode() == null ? null : Integer.toString(o.alertCode()),
                                errorClass.wireName(), o.reason())
                        : null,
                new EcsHandshake.Tlswatch(
                        errorClass == null ? null : errorClass.wireName(),
                        o.side(),
                        alert,
                        w == null ? null : w.ja4(),
                        w == null || (w.offeredVersions() == null && w.offeredAlpn() == null) ? null
                                : new EcsHandshake.Client(w.offeredVersions(), w.offeredAlpn()),
                        vip(o),
                        o.isScanner(),
                        o.scanner(),
                        new EcsHandshake.Evidence(o.msgids(), w != null && w.packets(), o.lines()),
                        errorClass == null ? null : errorClass.hint(o.isNetskope())));
    }

    private EcsHandshake.Event event(HandshakeOutcome o, WireFacts w, String code, String reason) {
        String start = null;
        String end = null;
        Long duration = null;
        if (w != null && w.startMs() != null && w.endMs() != null && w.endMs() >= w.startMs()) {
            start = Instant.ofEpochMilli(w.startMs()).toString();
            end = Instant.ofEpochMilli(w.endMs()).toString();
            duration = (w.endMs() - w.startMs()) * 1_000_000L;
        }
        boolean bsd = o.lines().stream().anyMatch(SyslogTimestamps::startsWithBsdStamp);
        return new EcsHandshake.Event("event", List.of("network"), List.of("connection"), o.outcome(), "tlswatch",
                "tlswatch.handshake", code, reason, o.connectionId(),
                Instant.ofEpochMilli(clock.getAsLong()).toString(),
                start, end, duration, bsd ? timezone : null, original(o.lines()));
    }

    /**
     * {@code event.original}: ECS has one string, and one connection can have several F5 lines (the
     * 01260009 → 01260026 → 01260013 burst). They are joined by a newline in arrival order: lines carry no
     * control characters (the log decoder refuses them), so the join is unambiguous. At most
     * {@code OutcomeMerger.MAX_LINES} lines of at most {@link #MAX_ORIGINAL_LINE_CHARS} characters.
     */
    static String original(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(line, 0, Math.min(line.length(), MAX_ORIGINAL_LINE_CHARS));
        }
        return b.toString();
    }

    /**
     * {@code observer.*}: F5 / BIG-IP only on evidence of a BIG-IP (its log lines, the BIG-IP Ethernet trailer
     * on the packets, the inventory knowing VIPs on that observer); otherwise the packets came from some
     * capture: {@code type: sensor}, named by {@code --observer} / {@code observer.default} when given, else by
     * the host that read the capture. A Netskope WebTx export: {@code Netskope} / {@code Secure Web Gateway}, type
     * {@code proxy}, named by its data plane.
     */
    static EcsHandshake.Observer observer(HandshakeOutcome o, WireFacts w) {
        if (o.isNetskope()) {
            // the proxy's own export: its data plane (or the configured tenant) is the observer
            return new EcsHandshake.Observer(NETSKOPE_VENDOR, NETSKOPE_PRODUCT, "proxy", o.observer());
        }
        boolean f5Lines = !o.msgids().isEmpty() || !o.lines().isEmpty();
        boolean trailer = w != null && Boolean.TRUE.equals(w.f5Trailer());
        // packets alone are judged side=client; side=server comes from an inventory that knows this BIG-IP
        boolean inventory = o.vipInfo() != null || "server".equals(o.side());
        String named = o.observer() == null || o.observer().isBlank() || UNKNOWN_OBSERVER.equals(o.observer())
                ? null : o.observer();
        if (f5Lines || trailer || inventory || w == null) {
            return new EcsHandshake.Observer("F5", "BIG-IP", null, named);
        }
        return new EcsHandshake.Observer(null, null, "sensor", named != null ? named : w.captureHost());
    }

    /**
     * {@code network.*}: the Community ID from the packets, else from the addresses and ports of the lines
     * (the same primitive); {@code protocol: tls} except when the bytes were proven not to be TLS.
     */
    private EcsHandshake.Network network(HandshakeOutcome o, WireFacts w, ErrorClass errorClass) {
        String community = w == null ? null : w.communityId();
        if (community == null && o.clientIp() != null && o.serverIp() != null && o.clientPort() != null
                && o.serverPort() != null) {
            community = communityId.get().ofText(o.clientIp(), o.clientPort(), o.serverIp(), o.serverPort(),
                    o.transport());
        }
        String address = o.clientIp() != null ? o.clientIp() : o.serverIp();
        String type = address == null ? null : address.indexOf(':') >= 0 ? "ipv6" : "ipv4";
        String protocol = errorClass == ErrorClass.NOT_TLS ? null : "tls";
        return new EcsHandshake.Network(o.transport(), type, protocol, community);
    }

    /**
     * {@code tlswatch.vip.*}: the destination with what the inventory knows of it (name, partition, application);
     * none when the destination is a pool member ({@code side=server}) or unknown.
     */
    private static EcsHandshake.Vip vip(HandshakeOutcome o) {
        if (o.serverIp() == null || "server".equals(o.side())) {
            return null;
        }
        String address = o.routeDomain() == null ? o.serverIp() : o.serverIp() + "%" + o.routeDomain();
        VipInfo v = o.vipInfo();
        return v == null
                ? new EcsHandshake.Vip(null, address, o.serverPort(), null, null)
                : new EcsHandshake.Vip(v.name(), address, o.serverPort(), v.partition(), v.application());
    }

    /** {@code tls.*}: whether it was established, and what the packets showed when there were any. */
    private static EcsHandshake.Tls tls(HandshakeOutcome o, WireFacts w) {
        boolean established = "success".equals(o.outcome());
        if (w == null) {
            return new EcsHandshake.Tls(established, null, null, null);
        }
        boolean clientSide = w.sni() != null || w.offeredCiphers() != null || w.ja3() != null;
        ServerCertificate c = w.certificate();
        EcsHandshake.TlsServer server = w.ja3s() == null && c == null
                ? null
                : new EcsHandshake.TlsServer(w.ja3s(), c == null ? null : x509(c),
                        c == null ? null : new EcsHandshake.Hash(c.sha256()));
        return new EcsHandshake.Tls(established, w.version(), w.versionProtocol(), w.cipher(), w.alpn(),
                clientSide ? new EcsHandshake.TlsClient(w.sni(), w.offeredCiphers(), w.ja3()) : null, server);
    }

    private static EcsHandshake.X509 x509(ServerCertificate c) {
        return new EcsHandshake.X509(c.notBefore(), c.notAfter(), name(c.subjectCommonNames()),
                name(c.issuerCommonNames()), c.dnsNames() == null || c.dnsNames().isEmpty() ? null : c.dnsNames());
    }

    private static EcsHandshake.Name name(List<String> commonNames) {
        return commonNames == null || commonNames.isEmpty() ? null : new EcsHandshake.Name(commonNames);
    }
}
