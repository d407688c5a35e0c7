package io.tlswatch.ingest.simulator;

import io.tlswatch.ingest.simulator.wire.ClientKind;
import io.tlswatch.ingest.simulator.wire.HandshakeScript.Ending;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What goes wrong on a VIP during an {@link Incident}: the burst of {@code 0126xxxx} lines each failed handshake
 * writes (DESIGN §4; all lines of one burst come from one TMM thread in one second), the packets a capture in
 * front of the VIP sees, and the error class tlswatch must give it (DESIGN §7).
 */
public enum IncidentKind {
    /**
     * Clients refuse the VIP's expired certificate and send {@code certificate_expired} (45). Newer layout:
     * {@code 01260009 <c>:<cp> -> <v>:<vp>: Connection error: ssl_codec_rx:2314: alert(45) received alert},
     * then {@code 01260013 SSL Handshake failed for TCP <c>:<cp> -> <v>:<vp>}. Packets: the certificate (its
     * {@code notAfter} in the past), then the client's alert.
     */
    CERT_EXPIRED("expired_certificate", Burst.CERT_EXPIRED, Ending.CLIENT_ALERT, 45, null, "cert_expired", null),
    /**
     * The VIP serves its leaf without the intermediate: clients cannot build a chain and send {@code unknown_ca}
     * (48), same layout as {@link #CERT_EXPIRED} with {@code alert(48) received alert}.
     */
    CERT_UNTRUSTED("missing_intermediate", Burst.CERT_UNTRUSTED, Ending.CLIENT_ALERT, 48, null, "cert_untrusted",
            null),
    /**
     * A cipher-string change leaves client and profile without a common suite. Three lines: older
     * {@code 01260009 Connection error: ssl_select_suite:<n>: no shared ciphers (40)} (no addresses),
     * {@code 01260026 No shared ciphers between SSL peers <c>.<cp>:<v>.<vp>.}, then {@code 01260013}. Clients
     * often retry at once from the next port. Packets: the BIG-IP's handshake_failure (40) before any
     * ServerHello.
     */
    NO_SHARED_CIPHER("cipher_string_change", Burst.NO_SHARED_CIPHER, Ending.SERVER_ALERT, 40, null,
            "no_shared_cipher", null),
    /**
     * TLS 1.0 disabled on the profile: TLS 1.0 clients are refused. Older {@code 01260009 Connection error:
     * ssl_hs_rxhello:10026: unsupported version (40)}, then {@code 01260013}; packets: a TLS 1.0 ClientHello and
     * the BIG-IP's protocol_version (70).
     */
    PROTOCOL_VERSION("tls10_disabled", Burst.UNSUPPORTED_VERSION, Ending.SERVER_ALERT, 70, ClientKind.LEGACY_TLS10,
            "protocol_version", null),
    /**
     * A load balancer in front starts sending PROXY protocol v1 headers the VIP does not expect. The BIG-IP reads
     * {@code PROXY ...} where a record should start and logs what it logs for any non-TLS bytes (older
     * {@code 01260009 ... ssl_passthru:5234: not SSL (40)}, then {@code 01260013}): the logs alone say
     * {@code not_tls}; the packets show the PROXY header, and the class is {@code proxy_protocol_mismatch}.
     */
    PROXY_PROTOCOL("proxy_protocol_upstream", Burst.NOT_SSL, Ending.PROXY_HEADER, 0, null, "proxy_protocol_mismatch",
            "not_tls"),
    /** Clients speak plain HTTP to the TLS port: {@code not SSL (40)}; packets: {@code GET / HTTP/1.1}. */
    PLAIN_HTTP("plain_http", Burst.NOT_SSL, Ending.PLAIN_HTTP, 0, null, "not_tls", null),
    /**
     * Clients ask for a name no client-ssl profile of the VIP serves, and the profile requires SNI: the BIG-IP
     * sends {@code unrecognized_name} (112) right after the ClientHello.
     */
    SNI_MISMATCH("sni_mismatch", Burst.SNI_UNRECOGNIZED, Ending.SERVER_ALERT, 112, null, "sni_unrecognized", null),
    /**
     * The licensed SSL TPS is exhausted: each refused handshake writes {@code 01260008:3: SSL transaction (TPS)
     * rate limit reached}, which names no connection, so its VIP is {@code unknown} to tlswatch; the packets show
     * the BIG-IP resetting right after the ClientHello ({@code peer_abort}, which does not page).
     */
    TPS_LIMIT("tps_limit", Burst.TPS_LIMIT, Ending.SERVER_RESET, 0, null, "tps_limit", null),
    /**
     * The CA that signs the clients' certificates changed and the profile does not trust the new one: after its
     * CertificateRequest, the BIG-IP refuses the client's certificate with {@code unknown_ca} (48).
     */
    MTLS_CA_CHANGE("mtls_ca_change", Burst.CLIENT_CERT_REJECTED, Ending.CLIENT_CERT_REFUSED, 48, null,
            "client_cert_rejected", null),
    /**
     * Clients give up mid-handshake (timeouts, a middlebox): the BIG-IP logs a lone {@code 01260013}, which says no
     * more than {@code unclassified}; the packets show the client's reset after its ClientHello ({@code peer_abort}).
     * Both are noise that never pages: everyday life on a busy VIP.
     */
    CLIENT_RESET("client_reset", Burst.PEER_RESET, Ending.CLIENT_RESET, 0, null, "peer_abort", "unclassified");

    /**
     * The scenario kind of one change that breaks many VIPs at once: a CA bundle update that drops an intermediate,
     * each VIP failing as {@link #CERT_UNTRUSTED}, the incidents sharing a group.
     */
    public static final String CA_BUNDLE_STORM = "ca_bundle_storm";

    private final String wireName;
    private final Burst burst;
    private final Ending ending;
    private final int alert;
    private final ClientKind clients;
    private final String errorClass;
    private final String logsOnlyClass;

    IncidentKind(String wireName, Burst burst, Ending ending, int alert, ClientKind clients, String errorClass,
            String logsOnlyClass) {
        this.wireName = wireName;
        this.burst = burst;
        this.ending = ending;
        this.alert = alert;
        this.clients = clients;
        this.errorClass = errorClass;
        this.logsOnlyClass = logsOnlyClass;
    }

    /** The name scenario files use: {@code expired_certificate}, {@code tls10_disabled}... */
    public String wireName() {
        return wireName;
    }

    /** The kind of a scenario file's name, or null. */
    public static IncidentKind fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst().orElse(null);
    }

    /** Every name a scenario file may use, the storm's included. */
    public static List<String> wireNames() {
        List<String> names = new ArrayList<>(Arrays.stream(values()).map(IncidentKind::wireName).toList());
        names.add(CA_BUNDLE_STORM);
        return List.copyOf(names);
    }

    /**
     * The class tlswatch gives these failures (DESIGN §7): from logs and packets when {@code packets}, else from
     * the F5 lines alone.
     */
    public String errorClass(boolean packets) {
        return packets || logsOnlyClass == null ? errorClass : logsOnlyClass;
    }

    /** Whether the F5 lines of a failure name its connection (all but the TPS limit's). */
    public boolean namesConnection() {
        return this != TPS_LIMIT;
    }

    Burst burst() {
        return burst;
    }

    Ending ending() {
        return ending;
    }

    int alert() {
        return alert;
    }

    /** The clients that fail (null: any of the fleet's population). */
    ClientKind clients() {
        return clients;
    }
}
