package io.tlswatch.app.quality;

import io.tlswatch.processors.classify.ErrorClass;
import java.util.List;

/**
 * One kind of failed handshake of the replay, and the burst of {@code /var/log/ltm} lines a BIG-IP writes for
 * it (DESIGN §4). Every burst names its client and VIP: the 01260009 lines use the newer layout with addresses,
 * because the older, address-less one joins its siblings only by TMM, second and order, and would attach to a
 * lone 01260013 of another connection in the same TMM and second (a replay must not test that ambiguity by
 * accident). {@link #decodedAs} is the class the decoder and the burst join give the burst; the generator test
 * checks it line by line with the production {@code LogDecoder} and {@code OutcomeMerger}.
 *
 * <p>Two intended classes have no F5 log line the decoder maps to them: {@code peer_abort} and
 * {@code sslv2_hello} are judged from packets only. A client that resets mid-handshake leaves a lone 01260013
 * (as in the real line of {@code real-lines.jsonl} line 6), decoded {@code unclassified}; an SSLv2 hello on a
 * profile without SSLv2 is refused as an unsupported version, decoded {@code protocol_version}.
 */
enum FailureKind {
    /** Legacy client below the profile's minimum version (the real line says "(40)"). */
    PROTOCOL_VERSION(ErrorClass.PROTOCOL_VERSION, ErrorClass.PROTOCOL_VERSION, "ssl_hs_rxhello:10026: unsupported version (40)"),
    /** The three-line burst of the real LDAPS sample: 01260009, 01260026, 01260013. */
    NO_SHARED_CIPHER(ErrorClass.NO_SHARED_CIPHER, ErrorClass.NO_SHARED_CIPHER, "ssl_select_suite:9301: no shared ciphers (40)"),
    /** certificate_unknown received from the client, as in the curveball capture. */
    CERT_BAD(ErrorClass.CERT_BAD, ErrorClass.CERT_BAD, "ssl_codec_rx:2314: alert(46) received alert"),
    CERT_EXPIRED(ErrorClass.CERT_EXPIRED, ErrorClass.CERT_EXPIRED, "ssl_codec_rx:2314: alert(45) received alert"),
    CERT_UNTRUSTED(ErrorClass.CERT_UNTRUSTED, ErrorClass.CERT_UNTRUSTED, "ssl_codec_rx:2314: alert(48) received alert"),
    /** Plain HTTP (or anything else) on the TLS port. */
    NOT_TLS(ErrorClass.NOT_TLS, ErrorClass.NOT_TLS, "ssl_passthru:5234: not SSL (40)"),
    /** A client that goes away mid-handshake: the BIG-IP only says the handshake failed. */
    PEER_ABORT(ErrorClass.PEER_ABORT, ErrorClass.UNCLASSIFIED, null),
    /** A scanner's SSLv2 hello, refused as an unsupported version. */
    SSLV2_HELLO(ErrorClass.SSLV2_HELLO, ErrorClass.PROTOCOL_VERSION, "ssl_hs_rxhello:10026: unsupported version (70)"),
    /** A scanner's malformed ClientHello, refused with decode_error (50). */
    MALFORMED_HELLO(ErrorClass.DECODE_ERROR, ErrorClass.DECODE_ERROR, "ssl_hs_rxhello:10041: malformed client hello (50)");

    static final String TMM_PID = "11820";

    private final ErrorClass intended;
    private final ErrorClass decodedAs;
    private final String reason;

    FailureKind(ErrorClass intended, ErrorClass decodedAs, String reason) {
        this.intended = intended;
        this.decodedAs = decodedAs;
        this.reason = reason;
    }

    /** The class this failure is in the story of the scenario. */
    ErrorClass intended() {
        return intended;
    }

    /** The class tlswatch can tell from the F5 lines alone. */
    ErrorClass decodedAs() {
        return decodedAs;
    }

    /**
     * The burst, oldest line first.
     *
     * @param head   {@code Mar  2 08:00:00 bigip-q1.example.net} (stamp and host)
     * @param tmm    {@code tmm}, {@code tmm1}... the TMM that served the connection
     * @param client {@code 198.51.100.7:50123}
     * @param vip    {@code 10.1.10.10:443}
     */
    List<String> lines(String head, String tmm, String client, String vip) {
        String prefix = head + " warning " + tmm + "[" + TMM_PID + "]: ";
        String failed = prefix + "01260013:4: SSL Handshake failed for TCP " + client + " -> " + vip;
        if (reason == null) {
            return List.of(failed);
        }
        String error = prefix + "01260009:4: " + client + " -> " + vip + ": Connection error: " + reason;
        if (this == NO_SHARED_CIPHER) {
            return List.of(error, prefix + "01260026:4: No shared ciphers between SSL peers " + dotPort(client) + ":"
                    + dotPort(vip) + ".", failed);
        }
        return List.of(error, failed);
    }

    /** {@code 10.0.0.1:443} as 01260026 prints it: {@code 10.0.0.1.443}. */
    private static String dotPort(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return endpoint.substring(0, colon) + "." + endpoint.substring(colon + 1);
    }
}
