package io.tlswatch.processors.decode.netskope;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.decode.IpAddresses;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.processors.decode.SyslogTimestamps;
import io.tlswatch.schemas.Decimals;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeEvent.TlsFacts;
import io.tlswatch.schemas.ObserverName;
import io.tlswatch.schemas.Texts;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Netskope Web Transactions (WebTx) exports, one line at a time, into {@link HandshakeEvent}s of
 * kind {@link Kind#PROXY_TLS} with source {@link HandshakeEvent#SOURCE_NETSKOPE}.
 *
 * <h2>Input</h2>
 * An export is a header naming the W3C-style fields, then one row per transaction. Both forms of the
 * published samples are read:
 * <ul>
 *   <li>CSV: a comma-separated header, comma-separated rows, values optionally quoted (see
 *       {@link NetskopeFieldSplitter});</li>
 *   <li>W3C: a space-separated header, bare or after {@code #Fields:}, with other {@code #} directives
 *       ({@code #Version:}, {@code #Software:}, {@code #Date:}...) around it. Rows are space-separated, or
 *       comma-separated as in the Sumo Logic sample: the separator that gives the header's field count
 *       wins, else the one giving the most fields without exceeding it.</li>
 * </ul>
 * Columns are found by name, in any order; names are case-insensitive. {@code -} (and
 * {@code NotChecked}, {@code NotAvailable}, {@code N/A}) means empty.
 *
 * <h2>Fields read</h2>
 * <table>
 *   <caption>WebTx field → event</caption>
 *   <tr><th>field</th><th>side</th><th>becomes</th></tr>
 *   <tr><td>{@code x-cs-ssl-version}, {@code x-cs-ssl-cipher}</td><td>client</td>
 *       <td>{@code tls.version}, {@code tls.cipher} (as printed: {@code TLSv1.3}, {@code TLS_AES_256_GCM_SHA384})</td></tr>
 *   <tr><td>{@code x-cs-ssl-ja3}</td><td>client</td><td>{@code tls.ja3} (32 hex digits, else left out)</td></tr>
 *   <tr><td>{@code x-cs-sni}</td><td>both</td><td>{@code tls.sni} (Netskope asks the origin for the same name)</td></tr>
 *   <tr><td>{@code x-cs-ssl-handshake-error}, {@code x-client-ssl-err}</td><td>client</td>
 *       <td>error text → class by {@link NetskopeErrorTable}; {@code reason}</td></tr>
 *   <tr><td>{@code x-cs-ssl-malformed-ssl}</td><td>client</td><td>{@code Yes} → {@code not_tls}</td></tr>
 *   <tr><td>{@code x-cs-ssl-fronting-error}</td><td>client</td><td>set → {@code unclassified}
 *       (domain fronting: SNI and Host differ; no §7 class fits)</td></tr>
 *   <tr><td>{@code x-cs-ssl-engine-action} = {@code Block}</td><td>client</td>
 *       <td>{@code x-cs-ssl-engine-action-reason} → class by text</td></tr>
 *   <tr><td>{@code x-sr-ssl-version}, {@code x-sr-ssl-cipher}, {@code x-sr-ssl-ja3s}</td><td>server</td>
 *       <td>{@code tls.version}, {@code tls.cipher}, {@code tls.ja3s}</td></tr>
 *   <tr><td>{@code x-sr-ssl-handshake-error}, {@code x-server-ssl-err}</td><td>server</td><td>error text → class</td></tr>
 *   <tr><td>{@code x-sr-ssl-malformed-ssl}</td><td>server</td><td>{@code Yes} → {@code not_tls}</td></tr>
 *   <tr><td>{@code x-sr-ssl-client-certificate-error}</td><td>server</td>
 *       <td>set → {@code client_cert_required} (the origin asked for a client certificate)</td></tr>
 *   <tr><td>{@code x-r-cert-expired} / {@code -revoked} / {@code -untrusted-root}, {@code -self-signed},
 *       {@code -incomplete-chain} / {@code -mismatch}</td><td>server</td>
 *       <td>{@code Yes} → {@code cert_expired} / {@code cert_revoked} / {@code cert_untrusted} /
 *       {@code cert_bad} ("r" = the remote origin's certificate)</td></tr>
 *   <tr><td>{@code x-r-cert-valid} = {@code No}; {@code x-r-cert-revocation-check} naming "revoked"</td>
 *       <td>server</td><td>{@code cert_bad}; {@code cert_revoked} (when no other flag says more)</td></tr>
 *   <tr><td>{@code x-sr-ssl-engine-action} = {@code Block}</td><td>server</td>
 *       <td>{@code x-sr-ssl-engine-action-reason} → class by text</td></tr>
 *   <tr><td>{@code x-cs-src-ip}/{@code -port} → {@code x-cs-dst-ip}/{@code -port}</td><td>client</td>
 *       <td>client → server address; else {@code c-ip} (no port) → {@code s-ip}:{@code cs-uri-port}</td></tr>
 *   <tr><td>{@code x-sr-src-ip}/{@code -port} → {@code x-sr-dst-ip}/{@code -port}</td><td>server</td>
 *       <td>Netskope egress → origin; else {@code s-ip}:{@code cs-uri-port} for the origin</td></tr>
 *   <tr><td>{@code date} + {@code time} (UTC)</td><td></td><td>{@code timestamp_ms}; else
 *       {@code x-cs-timestamp} (epoch seconds); else the record time ({@code timestamp_adjusted})</td></tr>
 *   <tr><td>{@code x-s-dp-name}</td><td></td><td>{@code observer} (the Netskope data plane, e.g.
 *       {@code US-SFO1}, named by {@link ObserverName}: {@code us-sfo1}); else the configured default (the
 *       tenant; {@code netskope})</td></tr>
 * </table>
 *
 * <h2>Results</h2>
 * <ul>
 *   <li>header and {@code #} directive lines: {@code Dropped("netskope_header")} (a header replaces the
 *       previous one);</li>
 *   <li>a row where neither side says anything about TLS: {@code Dropped("not_tls")}. A side "says
 *       something" when one of its fields above holds a value other than empty / {@code NotChecked} /
 *       {@code NotAvailable} ({@code No} counts: the check ran);</li>
 *   <li>a row with TLS facts: {@code Decoded}. One row may describe both connections of the proxy;
 *       {@link #decode} returns one event: the client side if it has an error, else the server side if it
 *       has one, else a success for the client side (the server side when only it was observed).
 *       {@link #decodeEachSide} returns one event per observed side;</li>
 *   <li>a short row (fewer fields than the header, e.g. cut by a size limit): its last field may be cut
 *       mid-value and is ignored, fields beyond it are absent; decoded if what is left holds TLS facts,
 *       else rejected. A row cut inside a quoted value is read the same way;</li>
 *   <li>rejected ({@link RejectReason#MISSING_HEADER}): a row before any header;</li>
 *   <li>rejected ({@link RejectReason#MALFORMED_SSL_MESSAGE}): a row with more
 *       non-empty fields than the header, a bad quote; also empty, oversized, binary or non-UTF-8 input.</li>
 * </ul>
 *
 * <p>Pure Java, no regular expression on the row path, bounded work per line, never throws on any input.
 * Stateful only in the last header seen, so <b>not thread-safe</b>: use one instance per input stream
 * (one per stream task / partition), and keep each export's header and rows in one partition, or pass
 * the header to the constructor.
 */
public final class NetskopeDecoder {
    /** Longest line read; a WebTx row is a few KiB (the samples 1–3 KiB). */
    public static final int MAX_LINE_CHARS = 1 << 16;
    /** Longest field name in a header. */
    public static final int MAX_FIELD_NAME_CHARS = 128;
    /** The original row kept as evidence in {@code line} is cut to this length. */
    public static final int MAX_EVIDENCE_CHARS = 2048;
    /** Longest {@code reason} text kept. */
    public static final int MAX_REASON_CHARS = 512;
    /** The broker rejects timestamps more than an hour ahead (DESIGN §10): such line times are a mistake. */
    public static final long MAX_FUTURE_MS = 3_600_000L;
    /** SNI is a DNS host name: at most 255 octets (RFC 6066 §3, RFC 1035 §2.3.4). */
    static final int MAX_SNI_CHARS = 255;
    /** Version and cipher names longer than this are not names. */
    static final int MAX_NAME_VALUE_CHARS = 128;

    /** The {@code Dropped} category of header and directive lines. */
    public static final String DROPPED_HEADER = "netskope_header";
    /** The {@code Dropped} category of rows without TLS facts. */
    public static final String DROPPED_NOT_TLS = "not_tls";
    /** {@code observer} when no field names the Netskope data plane. */
    public static final String DEFAULT_OBSERVER = "netskope";

    static final String SIDE_CLIENT = "client";
    static final String SIDE_SERVER = "server";

    // field names (lower case)
    static final String DATE = "date";
    static final String TIME = "time";
    static final String CS_TIMESTAMP = "x-cs-timestamp";
    static final String DP_NAME = "x-s-dp-name";
    static final String C_IP = "c-ip";
    static final String S_IP = "s-ip";
    static final String URI_PORT = "cs-uri-port";
    static final String CS_SRC_IP = "x-cs-src-ip";
    static final String CS_SRC_PORT = "x-cs-src-port";
    static final String CS_DST_IP = "x-cs-dst-ip";
    static final String CS_DST_PORT = "x-cs-dst-port";
    static final String SR_SRC_IP = "x-sr-src-ip";
    static final String SR_SRC_PORT = "x-sr-src-port";
    static final String SR_DST_IP = "x-sr-dst-ip";
    static final String SR_DST_PORT = "x-sr-dst-port";
    static final String CS_SNI = "x-cs-sni";
    static final String CS_VERSION = "x-cs-ssl-version";
    static final String CS_CIPHER = "x-cs-ssl-cipher";
    static final String CS_JA3 = "x-cs-ssl-ja3";
    static final String CS_HANDSHAKE_ERROR = "x-cs-ssl-handshake-error";
    static final String CS_FRONTING_ERROR = "x-cs-ssl-fronting-error";
    static final String CS_MALFORMED = "x-cs-ssl-malformed-ssl";
    static final String CS_ENGINE_ACTION = "x-cs-ssl-engine-action";
    static final String CS_ENGINE_REASON = "x-cs-ssl-engine-action-reason";
    static final String CLIENT_SSL_ERR = "x-client-ssl-err";
    static final String SR_VERSION = "x-sr-ssl-version";
    static final String SR_CIPHER = "x-sr-ssl-cipher";
    static final String SR_JA3S = "x-sr-ssl-ja3s";
    static final String SR_HANDSHAKE_ERROR = "x-sr-ssl-handshake-error";
    static final String SR_MALFORMED = "x-sr-ssl-malformed-ssl";
    static final String SR_CLIENT_CERT_ERROR = "x-sr-ssl-client-certificate-error";
    static final String SR_ENGINE_ACTION = "x-sr-ssl-engine-action";
    static final String SR_ENGINE_REASON = "x-sr-ssl-engine-action-reason";
    static final String SERVER_SSL_ERR = "x-server-ssl-err";
    static final String CERT_VALID = "x-r-cert-valid";
    static final String CERT_REVOCATION_CHECK = "x-r-cert-revocation-check";
    static final String CERT_SUBJECT_CN = "x-r-cert-subject-cn";
    static final String CERT_ISSUER_CN = "x-r-cert-issuer-cn";

    private static final String FIELDS_DIRECTIVE = "#Fields:";
    private static final char BOM = '\uFEFF';
    private static final String BLOCK = "block";

    private final String defaultObserver;
    private Header header;

    /** A decoder that learns the header from the input and names the observer {@value #DEFAULT_OBSERVER}. */
    public NetskopeDecoder() {
        this(DEFAULT_OBSERVER, null);
    }

    /**
     * @param defaultObserver {@code observer} for rows that do not name their data plane (e.g. the tenant)
     * @param knownHeader     a header line ({@code #Fields: ...}, space- or comma-separated names) to read
     *                        rows against before the input brings its own; null for none
     * @throws IllegalArgumentException when {@code knownHeader} is not a header (a configuration error)
     */
    public NetskopeDecoder(String defaultObserver, String knownHeader) {
        String named = ObserverName.of(defaultObserver);
        this.defaultObserver = named == null || named.isEmpty() ? DEFAULT_OBSERVER : named;
        if (knownHeader != null) {
            String h = stripLine(knownHeader);
            Header parsed = h.regionMatches(true, 0, FIELDS_DIRECTIVE, 0, FIELDS_DIRECTIVE.length())
                    ? Header.parse(h.substring(FIELDS_DIRECTIVE.length()))
                    : looksLikeHeader(h) ? Header.parse(h) : null;
            if (parsed == null) {
                throw new IllegalArgumentException("not a Netskope header: " + Texts.cut(knownHeader, 80));
            }
            this.header = parsed;
        }
    }

    /** The field names of the header in use, lower case, in column order; empty before any header. */
    public List<String> headerFields() {
        return header == null ? List.of() : header.names();
    }

    /**
     * Whether a line is header material: a {@code #} directive, or a list of two or more W3C field names
     * (letters first, then letters, digits, {@code - _ ( ) .}) separated by commas, tabs or spaces, one of
     * them a W3C-prefixed name ({@code x-}, {@code c-}, {@code s-}, {@code cs-}, {@code sc-}, {@code rs-},
     * {@code sr-}, {@code r-}) or {@code date} / {@code time}. Rows fail this at their first value that is
     * not a name (a number, an address, {@code -}, a quoted text).
     */
    public static boolean looksLikeHeader(String line) {
        if (line == null) {
            return false;
        }
        String s = stripLine(line);
        if (s.isEmpty() || s.length() > MAX_LINE_CHARS) {
            return false;
        }
        if (s.charAt(0) == '#') {
            return true;
        }
        char sep = headerSeparator(s);
        int n = s.length();
        int names = 0;
        boolean prefixed = false;
        int i = 0;
        while (i <= n) {
            int end = s.indexOf(sep, i);
            if (end < 0) {
                end = n;
            }
            if (sep == ' ' && end == i) { // a run of spaces
                i = end + 1;
                continue;
            }
            if (!isFieldName(s, i, end)) {
                return false;
            }
            names++;
            prefixed |= isW3cName(s, i, end);
            i = end + 1;
        }
        return names >= 2 && prefixed;
    }

    /** {@link #decode(String, long)} for raw record bytes (UTF-8). */
    public LogDecodeResult decode(byte[] value, long recordTimestampMs) {
        Object text = text(value);
        return text instanceof String line ? decode(line, recordTimestampMs) : (LogDecodeResult) text;
    }

    /** {@link #decodeEachSide(String, long)} for raw record bytes (UTF-8): the pipeline's entry. */
    public List<LogDecodeResult> decodeEachSide(byte[] value, long recordTimestampMs) {
        Object text = text(value);
        return text instanceof String line ? decodeEachSide(line, recordTimestampMs) : List.of((LogDecodeResult) text);
    }

    /** The line in {@code value}, or the {@code Rejected} result saying why there is none. */
    private static Object text(byte[] value) {
        if (value == null || value.length == 0) {
            return new LogDecodeResult.Rejected(RejectReason.EMPTY, "no bytes");
        }
        if (value.length > MAX_LINE_CHARS * 4L) {
            return oversized(value.length + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return new LogDecodeResult.Rejected(RejectReason.NOT_UTF8, "invalid UTF-8");
        }
    }

    /**
     * Decodes one line: a header or directive, or a row read against the last header.
     *
     * @param recordTimestampMs the Kafka record time, used when the row carries no usable time
     * @return one result; for a row describing both sides, the side chosen as documented above
     */
    public LogDecodeResult decode(String line, long recordTimestampMs) {
        Read read = readSafely(line, recordTimestampMs);
        if (read.terminal() != null) {
            return read.terminal();
        }
        Side client = read.client();
        Side server = read.server();
        Side chosen;
        if (client.failed()) {
            chosen = client;
        } else if (server.failed()) {
            chosen = server;
        } else {
            chosen = client.observed() ? client : server;
        }
        return new LogDecodeResult.Decoded(read.event(chosen));
    }

    /**
     * Like {@link #decode(String, long)}, but one {@code Decoded} per side the row describes (client side
     * first): a proxy transaction is two TLS connections, and each has its own facts and failures. A
     * header, a row without TLS facts or a rejected row gives a single result.
     */
    public List<LogDecodeResult> decodeEachSide(String line, long recordTimestampMs) {
        Read read = readSafely(line, recordTimestampMs);
        if (read.terminal() != null) {
            return List.of(read.terminal());
        }
        List<LogDecodeResult> out = new ArrayList<>(2);
        for (Side side : List.of(read.client(), read.server())) {
            if (side.observed()) {
                out.add(new LogDecodeResult.Decoded(read.event(side)));
            }
        }
        return List.copyOf(out);
    }

    private Read readSafely(String line, long recordTimestampMs) {
        try {
            return read(line, recordTimestampMs);
        } catch (RuntimeException e) {
            // a bug, not the data's fault: keep the record (dead letter) rather than lose it or stop the stream
            return Read.of(new LogDecodeResult.Rejected(RejectReason.PROCESSING_ERROR,
                    "netskope decoder: " + e.getClass().getSimpleName()));
        }
    }

    private Read read(String raw, long recordTimestampMs) {
        if (raw == null) {
            return Read.of(new LogDecodeResult.Rejected(RejectReason.EMPTY, "no line"));
        }
        if (raw.length() > MAX_LINE_CHARS) {
            return Read.of(oversized(raw.length() + " characters"));
        }
        String line = stripLine(raw);
        if (line.isBlank()) {
            return Read.of(new LogDecodeResult.Rejected(RejectReason.EMPTY, "only white space"));
        }
        int control = LogDecoder.firstControlCharacter(line);
        if (control >= 0) {
            return Read.of(new LogDecodeResult.Rejected(RejectReason.CONTROL_CHARACTERS,
                    "control character 0x" + Integer.toHexString(line.charAt(control)) + " at " + control));
        }
        String lead = line.stripLeading();
        if (lead.charAt(0) == '#') {
            return Read.of(directive(lead));
        }
        if (looksLikeHeader(line)) {
            Header parsed = Header.parse(line);
            if (parsed == null) {
                return Read.of(malformed("header that does not parse"));
            }
            header = parsed;
            return Read.of(new LogDecodeResult.Dropped(DROPPED_HEADER));
        }
        Header h = header;
        if (h == null) {
            return Read.of(new LogDecodeResult.Rejected(RejectReason.MISSING_HEADER, "netskope: row before any header"));
        }
        return readRow(line, h, recordTimestampMs);
    }

    private LogDecodeResult directive(String line) {
        if (!line.regionMatches(true, 0, FIELDS_DIRECTIVE, 0, FIELDS_DIRECTIVE.length())) {
            return new LogDecodeResult.Dropped(DROPPED_HEADER); // #Version:, #Software:, #Date:, #Remark:...
        }
        Header parsed = Header.parse(line.substring(FIELDS_DIRECTIVE.length()));
        if (parsed == null) {
            return malformed("#Fields: directive without a valid list of field names");
        }
        header = parsed;
        return new LogDecodeResult.Dropped(DROPPED_HEADER);
    }

    private Read readRow(String line, Header h, long recordTimestampMs) {
        NetskopeFieldSplitter.Result split = splitRow(line, h);
        List<String> values;
        boolean cut;
        if (split instanceof NetskopeFieldSplitter.Fields fields) {
            values = fields.values();
            if (values.size() > h.size()) {
                for (int i = h.size(); i < values.size(); i++) {
                    if (!NetskopeErrorTable.isEmpty(values.get(i))) {
                        return Read.of(malformed("row has " + values.size() + " fields, header has " + h.size()));
                    }
                }
                values = values.subList(0, h.size()); // trailing separators
            }
            cut = values.size() < h.size();
            if (cut) {
                values = values.subList(0, values.size() - 1); // the last field may end mid-value
            }
        } else if (split instanceof NetskopeFieldSplitter.Malformed bad) {
            if (bad.problem() != NetskopeFieldSplitter.Problem.UNTERMINATED_QUOTE || bad.before().size() >= h.size()) {
                return Read.of(malformed(bad.problem().text() + " at character " + bad.offset()));
            }
            values = bad.before(); // cut inside a quoted value: the fields before it are whole
            cut = true;
        } else {
            return Read.of(malformed("unreadable row"));
        }
        Row row = new Row(h, values);
        Side client = clientSide(row);
        Side server = serverSide(row);
        if (!client.observed() && !server.observed()) {
            if (cut) {
                return Read.of(malformed("short row: " + values.size() + " of " + h.size()
                        + " fields and no TLS field among them"));
            }
            return Read.of(new LogDecodeResult.Dropped(DROPPED_NOT_TLS));
        }
        return new Read(null, client, server, commonFacts(row, line, recordTimestampMs));
    }

    /**
     * The header's separator first; for a W3C (space or tab) header also a comma. Exact field count wins,
     * else the most fields without exceeding the header, the header's separator on a tie.
     */
    private static NetskopeFieldSplitter.Result splitRow(String line, Header h) {
        NetskopeFieldSplitter.Result primary = NetskopeFieldSplitter.split(line, h.separator());
        if (h.separator() == ',') {
            return primary;
        }
        NetskopeFieldSplitter.Result csv = NetskopeFieldSplitter.split(line, ',');
        int a = usableCount(primary);
        int b = usableCount(csv);
        if (a == h.size()) {
            return primary;
        }
        if (b == h.size()) {
            return csv;
        }
        boolean aFits = a >= 0 && a < h.size();
        boolean bFits = b >= 0 && b < h.size();
        if (bFits && (!aFits || b > a)) {
            return csv;
        }
        return primary;
    }

    /** Fields read, counting those before a cut quote; -1 for a line that cannot be read either way. */
    private static int usableCount(NetskopeFieldSplitter.Result r) {
        if (r instanceof NetskopeFieldSplitter.Fields f) {
            return f.values().size();
        }
        if (r instanceof NetskopeFieldSplitter.Malformed m
                && m.problem() == NetskopeFieldSplitter.Problem.UNTERMINATED_QUOTE) {
            return m.before().size();
        }
        return -1;
    }

    // ---- sides ------------------------------------------------------------------------------------------

    private static Side clientSide(Row row) {
        String sni = sni(row.get(CS_SNI));
        String version = name(row.get(CS_VERSION));
        String cipher = name(row.get(CS_CIPHER));
        String ja3 = md5Hex(row.get(CS_JA3));
        Evidence evidence = new Evidence();
        if (NetskopeErrorTable.isYes(row.get(CS_MALFORMED))) {
            evidence.add(ErrorClass.NOT_TLS, CS_MALFORMED + "=" + row.get(CS_MALFORMED).strip());
        }
        evidence.addText(row.get(CS_HANDSHAKE_ERROR));
        evidence.addText(row.get(CLIENT_SSL_ERR));
        String fronting = row.get(CS_FRONTING_ERROR);
        if (NetskopeErrorTable.isValue(fronting)) {
            evidence.add(ErrorClass.UNCLASSIFIED, NetskopeErrorTable.isYes(fronting)
                    ? CS_FRONTING_ERROR + "=" + fronting.strip() : fronting.strip());
        }
        evidence.addBlock(row.get(CS_ENGINE_ACTION), row.get(CS_ENGINE_REASON));
        boolean observed = evidence.any() || version != null || cipher != null || ja3 != null || sni != null
                || saysSomething(row, CS_HANDSHAKE_ERROR, CLIENT_SSL_ERR, CS_FRONTING_ERROR, CS_MALFORMED);
        Endpoint client = endpoint(row, CS_SRC_IP, CS_SRC_PORT);
        if (client == null) {
            client = endpoint(row, C_IP, null);
        }
        Endpoint server = endpoint(row, CS_DST_IP, CS_DST_PORT);
        if (server == null) {
            server = endpoint(row, S_IP, URI_PORT);
        }
        return new Side(SIDE_CLIENT, observed, evidence.errorClass(), evidence.reason(),
                facts(sni, version, cipher, ja3, null), client, server);
    }

    private static Side serverSide(Row row) {
        String sni = sni(row.get(CS_SNI));
        String version = name(row.get(SR_VERSION));
        String cipher = name(row.get(SR_CIPHER));
        String ja3s = md5Hex(row.get(SR_JA3S));
        Evidence evidence = new Evidence();
        if (NetskopeErrorTable.isYes(row.get(SR_MALFORMED))) {
            evidence.add(ErrorClass.NOT_TLS, SR_MALFORMED + "=" + row.get(SR_MALFORMED).strip());
        }
        String clientCert = row.get(SR_CLIENT_CERT_ERROR);
        if (NetskopeErrorTable.isValue(clientCert)) {
            ErrorClass byText = NetskopeErrorTable.fromText(clientCert);
            evidence.add(byText == ErrorClass.UNCLASSIFIED ? ErrorClass.CLIENT_CERT_REQUIRED : byText,
                    NetskopeErrorTable.isYes(clientCert) ? SR_CLIENT_CERT_ERROR + "=" + clientCert.strip()
                            : clientCert.strip());
        }
        for (NetskopeErrorTable.CertFlag flag : NetskopeErrorTable.CertFlag.values()) {
            String v = row.get(flag.field());
            if (NetskopeErrorTable.isYes(v)) {
                evidence.add(flag.errorClass(), flag.field() + "=" + v.strip());
            }
        }
        String revocation = row.get(CERT_REVOCATION_CHECK);
        if (NetskopeErrorTable.isValue(revocation)
                && NetskopeErrorTable.fromText(revocation) == ErrorClass.CERT_REVOKED) {
            evidence.add(ErrorClass.CERT_REVOKED, CERT_REVOCATION_CHECK + "=" + revocation.strip());
        }
        evidence.addOriginText(row.get(SR_HANDSHAKE_ERROR));
        evidence.addOriginText(row.get(SERVER_SSL_ERR));
        String valid = row.get(CERT_VALID);
        if (NetskopeErrorTable.isNo(valid) && !evidence.any()) {
            evidence.add(ErrorClass.CERT_BAD, CERT_VALID + "=" + valid.strip());
        }
        evidence.addBlock(row.get(SR_ENGINE_ACTION), row.get(SR_ENGINE_REASON));
        boolean certSeen = NetskopeErrorTable.isValue(row.get(CERT_SUBJECT_CN))
                || NetskopeErrorTable.isValue(row.get(CERT_ISSUER_CN));
        boolean flagsChecked = false;
        for (NetskopeErrorTable.CertFlag flag : NetskopeErrorTable.CertFlag.values()) {
            flagsChecked |= !NetskopeErrorTable.isPlaceholder(row.get(flag.field()));
        }
        boolean observed = evidence.any() || version != null || cipher != null || ja3s != null || certSeen
                || flagsChecked || !NetskopeErrorTable.isPlaceholder(valid)
                || saysSomething(row, SR_HANDSHAKE_ERROR, SERVER_SSL_ERR, SR_MALFORMED, SR_CLIENT_CERT_ERROR);
        Endpoint client = endpoint(row, SR_SRC_IP, SR_SRC_PORT);
        Endpoint server = endpoint(row, SR_DST_IP, SR_DST_PORT);
        if (server == null) {
            server = endpoint(row, S_IP, URI_PORT);
        }
        return new Side(SIDE_SERVER, observed, evidence.errorClass(), evidence.reason(),
                facts(sni, version, cipher, null, ja3s), client, server);
    }

    /** Whether any of the fields holds more than a placeholder ({@code No} counts: the check ran). */
    private static boolean saysSomething(Row row, String... fields) {
        for (String f : fields) {
            if (!NetskopeErrorTable.isPlaceholder(row.get(f))) {
                return true;
            }
        }
        return false;
    }

    private static TlsFacts facts(String sni, String version, String cipher, String ja3, String ja3s) {
        if (sni == null && version == null && cipher == null && ja3 == null && ja3s == null) {
            return null;
        }
        return new TlsFacts(sni, version, cipher, null, ja3, ja3s, null);
    }

    /**
     * Error evidence of one side, added in priority order. The class is the first specific one (not
     * {@code unclassified}); the reason is the error text the side's error fields give (handshake error,
     * then the {@code x-*-ssl-err} text), else what decided the class.
     */
    private static final class Evidence {
        private record Item(ErrorClass errorClass, String why, boolean text) {}

        private final List<Item> items = new ArrayList<>(4);

        void add(ErrorClass c, String why) {
            items.add(new Item(c, why, false));
        }

        /** An error text field: any value but a placeholder or "no" is an error. */
        void addText(String value) {
            if (NetskopeErrorTable.isValue(value)) {
                String text = value.strip();
                items.add(new Item(NetskopeErrorTable.isYes(text) ? ErrorClass.UNCLASSIFIED
                        : NetskopeErrorTable.fromText(text), text, true));
            }
        }

        /** An error text field of the server side: alerts there come from the origin. */
        void addOriginText(String value) {
            if (NetskopeErrorTable.isValue(value)) {
                String text = value.strip();
                items.add(new Item(NetskopeErrorTable.isYes(text) ? ErrorClass.UNCLASSIFIED
                        : NetskopeErrorTable.fromOriginText(text), text, true));
            }
        }

        /** The SSL engine blocked the connection: its reason text names the class. */
        void addBlock(String action, String actionReason) {
            if (action != null && BLOCK.equalsIgnoreCase(action.strip())) {
                String why = NetskopeErrorTable.isValue(actionReason) ? actionReason.strip() : "engine action Block";
                add(NetskopeErrorTable.fromText(why), why);
            }
        }

        boolean any() {
            return !items.isEmpty();
        }

        private Item deciding() {
            for (Item item : items) {
                if (item.errorClass() != ErrorClass.UNCLASSIFIED) {
                    return item;
                }
            }
            return items.isEmpty() ? null : items.get(0);
        }

        ErrorClass errorClass() {
            Item d = deciding();
            return d == null ? null : d.errorClass();
        }

        String reason() {
            for (Item item : items) {
                if (item.text()) {
                    return item.why();
                }
            }
            Item d = deciding();
            return d == null ? null : d.why();
        }
    }

    // ---- common facts -----------------------------------------------------------------------------------

    private Common commonFacts(Row row, String line, long recordTimestampMs) {
        long lineTime = lineTimestamp(row);
        long timestamp;
        boolean adjusted;
        if (lineTime >= 0 && (recordTimestampMs < 0 || lineTime <= recordTimestampMs + MAX_FUTURE_MS)) {
            timestamp = lineTime;
            adjusted = false;
        } else {
            timestamp = Math.max(0L, recordTimestampMs);
            adjusted = true;
        }
        String dp = row.get(DP_NAME);
        String named = NetskopeErrorTable.isPlaceholder(dp) || dp.strip().length() > MAX_NAME_VALUE_CHARS
                ? null : ObserverName.of(dp.strip());
        String observer = named != null && !named.isEmpty() ? named : defaultObserver;
        return new Common(observer, timestamp, adjusted, Texts.cut(line, MAX_EVIDENCE_CHARS));
    }

    /** {@code date} + {@code time} as UTC, else {@code x-cs-timestamp}; -1 when neither reads. */
    static long lineTimestamp(Row row) {
        long t = dateTime(row.get(DATE), row.get(TIME));
        if (t >= 0) {
            return t;
        }
        return epoch(row.get(CS_TIMESTAMP));
    }

    /**
     * {@code yyyy-MM-dd} and {@code HH:mm:ss[.fraction]} (W3C extended log format: UTC), read by the same
     * ISO-8601 parser as RFC 5424 stamps; -1 otherwise or before 1970.
     */
    static long dateTime(String date, String time) {
        if (date == null || time == null) {
            return -1;
        }
        String d = date.strip();
        String t = time.strip();
        if (d.length() != 10 || t.length() < 8 || t.length() > 18) {
            return -1;
        }
        long ms = SyslogTimestamps.rfc5424(d + "T" + t + "Z");
        return ms >= 0 ? ms : -1;
    }

    /** Epoch seconds (or milliseconds when 12 digits or more), no sign; -1 otherwise. */
    static long epoch(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 13) {
            return -1;
        }
        long n = Decimals.parseLong(v, 0, v.length(), Long.MAX_VALUE);
        return n < 0 ? -1 : v.length() >= 12 ? n : n * 1000L;
    }

    /** The decimal number in {@code s[from,to)}; -1 when any character is not a digit. */
    private static int digits(String s, int from, int to) {
        return to - from > 9 ? -1 : Decimals.parse(s, from, to, Integer.MAX_VALUE);
    }

    // ---- values -----------------------------------------------------------------------------------------

    private static String sni(String value) {
        if (!NetskopeErrorTable.isValue(value)) {
            return null;
        }
        String v = value.strip();
        return v.length() <= MAX_SNI_CHARS ? v : null;
    }

    /** A version or cipher name as printed; null for placeholders and implausibly long values. */
    private static String name(String value) {
        if (!NetskopeErrorTable.isValue(value)) {
            return null;
        }
        String v = value.strip();
        return v.length() <= MAX_NAME_VALUE_CHARS ? v : null;
    }

    /** A JA3 / JA3S: an MD5 digest, 32 hex digits, written lower case; null for anything else. */
    static String md5Hex(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() != 32) {
            return null;
        }
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                sb.append(c);
            } else if (c >= 'A' && c <= 'F') {
                sb.append((char) (c + ('a' - 'A')));
            } else {
                return null;
            }
        }
        return sb.toString();
    }

    private static Endpoint endpoint(Row row, String ipField, String portField) {
        String ip = row.get(ipField);
        if (ip == null) {
            return null;
        }
        ip = ip.strip();
        if (!IpAddresses.isAddress(ip)) {
            return null;
        }
        Integer port = null;
        if (portField != null) {
            String p = row.get(portField);
            if (p != null) {
                int n = digits(p.strip(), 0, p.strip().length());
                if (n >= 0 && n <= 65535 && p.strip().length() <= 5) {
                    port = n;
                }
            }
        }
        return new Endpoint(ip, port);
    }

    // ---- lines ------------------------------------------------------------------------------------------

    /** Without the line terminator and a leading byte-order mark. */
    private static String stripLine(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = end > 0 && line.charAt(0) == BOM ? 1 : 0;
        return line.substring(start, end);
    }

    private static char headerSeparator(String s) {
        if (s.indexOf(',') >= 0) {
            return ',';
        }
        return s.indexOf('\t') >= 0 ? '\t' : ' ';
    }

    /** A W3C field name: a letter, then letters, digits and {@code - _ ( ) .}; at most 128 characters. */
    private static boolean isFieldName(String s, int from, int to) {
        if (to <= from || to - from > MAX_FIELD_NAME_CHARS || !isLetter(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '(' || c == ')' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> W3C_PREFIXES = List.of("x-", "c-", "s-", "cs-", "sc-", "rs-", "sr-", "r-");

    private static boolean isW3cName(String s, int from, int to) {
        if (s.regionMatches(true, from, DATE, 0, 4) && to - from == 4
                || s.regionMatches(true, from, TIME, 0, 4) && to - from == 4) {
            return true;
        }
        for (String prefix : W3C_PREFIXES) {
            if (to - from > prefix.length() && s.regionMatches(true, from, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static LogDecodeResult.Rejected malformed(String detail) {
        return new LogDecodeResult.Rejected(RejectReason.MALFORMED_SSL_MESSAGE, "netskope: " + detail);
    }

    private static LogDecodeResult.Rejected oversized(String size) {
        return new LogDecodeResult.Rejected(RejectReason.OVERSIZED,
                size + " > limit " + MAX_LINE_CHARS + " characters");
    }

    // ---- small types ------------------------------------------------------------------------------------

    /** A header: lower-case field names in column order and the separator they were written with. */
    record Header(List<String> names, char separator, Map<String, Integer> index) {
        /** Parses a list of field names; null when one is not a name or there are too many. */
        static Header parse(String text) {
            String s = text.strip();
            if (s.isEmpty()) {
                return null;
            }
            char sep = headerSeparator(s);
            NetskopeFieldSplitter.Result r = NetskopeFieldSplitter.split(s, sep);
            if (!(r instanceof NetskopeFieldSplitter.Fields fields) || fields.values().isEmpty()) {
                return null;
            }
            List<String> names = new ArrayList<>(fields.values().size());
            Map<String, Integer> index = new HashMap<>();
            for (String raw : fields.values()) {
                String name = raw.strip();
                if (!isFieldName(name, 0, name.length())) {
                    return null;
                }
                name = name.toLowerCase(java.util.Locale.ROOT);
                index.putIfAbsent(name, names.size()); // a repeated name: the first column counts
                names.add(name);
            }
            return new Header(List.copyOf(names), sep, Map.copyOf(index));
        }

        int size() {
            return names.size();
        }
    }

    /** One row read against its header; absent columns read as null. */
    record Row(Header header, List<String> values) {
        String get(String field) {
            Integer i = header.index().get(field);
            return i == null || i >= values.size() ? null : values.get(i);
        }
    }

    private record Endpoint(String ip, Integer port) {}

    /** What one side of the proxy says: observed at all, and its failure if any. */
    private record Side(String name, boolean observed, ErrorClass errorClass, String reason, TlsFacts tls,
            Endpoint client, Endpoint server) {
        boolean failed() {
            return errorClass != null;
        }
    }

    private record Common(String observer, long timestampMs, boolean adjusted, String line) {}

    /** Either a final answer (header, dropped, rejected) or the two sides of a row. */
    private record Read(LogDecodeResult terminal, Side client, Side server, Common common) {
        static Read of(LogDecodeResult terminal) {
            return new Read(terminal, null, null, null);
        }

        HandshakeEvent event(Side side) {
            boolean anyAddress = side.client() != null || side.server() != null;
            return new HandshakeEvent(
                    common.observer(), common.timestampMs(), null, null, null, Kind.PROXY_TLS,
                    anyAddress ? "tcp" : null,
                    side.client() == null ? null : side.client().ip(),
                    side.client() == null ? null : side.client().port(),
                    side.server() == null ? null : side.server().ip(),
                    side.server() == null ? null : side.server().port(),
                    null, null,
                    side.reason() == null ? null : Texts.cut(side.reason(), MAX_REASON_CHARS),
                    null, null,
                    side.errorClass() == null ? null : side.errorClass().wireName(),
                    common.line(), HandshakeEvent.SOURCE_NETSKOPE, null, side.name(), side.tls(),
                    common.adjusted() ? Boolean.TRUE : null);
        }
    }
}
