package io.tlswatch.schemas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Netskope WebTx export lines for tests: the real CSV sample of {@code shared/data/netskope} (header and row), and
 * rows written against its header with chosen values ({@code -} for every other field, as exports write empty).
 */
public final class NetskopeExport {
    private static final Path CSV = SharedData.root().resolve("netskope")
            .resolve("sumologic-docs_netskope-webtx-streaming_sample_csv.txt");

    private NetskopeExport() {}

    /** The real CSV sample: header, then its one row. */
    public static List<String> realCsv() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(CSV, StandardCharsets.UTF_8));
            lines.removeIf(String::isBlank);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real sample's header line (146 fields, comma-separated). */
    public static String csvHeader() {
        return realCsv().get(0);
    }

    /** A row against {@link #csvHeader()}: {@code values} by field name, {@code -} elsewhere. */
    public static String csvRow(Map<String, String> values) {
        List<String> names = List.of(csvHeader().split(","));
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            String v = values.getOrDefault(name, "-");
            out.add(v.indexOf(',') >= 0 || v.indexOf('"') >= 0 ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", out);
    }

    /**
     * A server-side failure: Netskope (egress {@code 163.116.140.40}) met an expired certificate at {@code origin}
     * port 443 for {@code sni}; the client side (from {@code client}) succeeded.
     */
    public static String expiredOriginRow(String date, String time, String client, int clientPort, String origin,
            String sni, int egressPort) {
        return csvRow(Map.ofEntries(
                Map.entry("date", date), Map.entry("time", time), Map.entry("c-ip", client),
                Map.entry("x-cs-src-ip", client), Map.entry("x-cs-src-port", Integer.toString(clientPort)),
                Map.entry("x-cs-dst-ip", origin), Map.entry("x-cs-dst-port", "443"), Map.entry("x-cs-sni", sni),
                Map.entry("x-cs-ssl-version", "TLSv1.3"), Map.entry("x-cs-ssl-cipher", "TLS_AES_128_GCM_SHA256"),
                Map.entry("x-sr-src-ip", "163.116.140.40"), Map.entry("x-sr-src-port", Integer.toString(egressPort)),
                Map.entry("x-sr-dst-ip", origin), Map.entry("x-sr-dst-port", "443"),
                Map.entry("x-sr-ssl-version", "TLSv1.2"), Map.entry("x-r-cert-valid", "No"),
                Map.entry("x-r-cert-expired", "Yes"), Map.entry("x-r-cert-subject-cn", sni),
                Map.entry("x-s-dp-name", "US-SFO1"), Map.entry("x-type", "http_transaction")));
    }

    /** A transaction without any TLS field: plain HTTP through the proxy. */
    public static String plainHttpRow(String date, String time, String client) {
        return csvRow(Map.of("date", date, "time", time, "c-ip", client, "cs-host", "intranet.example.com",
                "cs-uri-scheme", "http", "cs-uri-port", "80", "x-s-dp-name", "US-SFO1", "x-type", "http_transaction"));
    }
}
