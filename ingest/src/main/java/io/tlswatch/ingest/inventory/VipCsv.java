package io.tlswatch.ingest.inventory;

import io.tlswatch.schemas.Decimals;
import io.tlswatch.schemas.Durations;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.IpText;
import io.tlswatch.schemas.Texts;
import io.tlswatch.schemas.VirtualServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the VIP inventory CSV of {@code tlswatch inventory load}: a header line naming the columns (any order),
 * then one virtual server per line.
 *
 * <pre>
 * # comment lines and blank lines are skipped
 * observer,name,address,partition,application,owner,paging_route,alert_fire_failures,alert_resolve_failures,alert_window
 * bigip-01,/Common/shop_vs,10.10.1.10:443,Common,shop,"web team, EMEA",pagerduty:web,20,5,2m
 * </pre>
 *
 * <p>{@code observer} and {@code address} are required columns and values; the others may be left out of the
 * header or empty. {@code address} is {@code ip:port}, {@code ip%rd:port} or {@code [v6]:port} /
 * {@code [v6%rd]:port}. Fields may be quoted ({@code "a, b"}, {@code ""} for a quote) but not span lines.
 * Parsing never throws on text: every line after the header is exactly one accepted {@link Row} or one
 * {@link Problem} with its line number, and a bad header makes every row a problem.
 */
public final class VipCsv {
    /** Longest line read; longer lines are problems ({@code line_too_long}). */
    public static final int MAX_LINE_CHARS = 8192;
    /** TMOS route domain ids are 0..65534 (0, the default, is written without {@code %N}). */
    public static final int MAX_ROUTE_DOMAIN = HostPort.MAX_ROUTE_DOMAIN;
    public static final String SOURCE = "csv";

    /** The columns a header may name. */
    public enum Column {
        OBSERVER, NAME, ADDRESS, PARTITION, APPLICATION, OWNER, PAGING_ROUTE, ALERT_FIRE_FAILURES,
        ALERT_RESOLVE_FAILURES, ALERT_WINDOW;

        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a line was refused: a small fixed set. */
    public enum Reason {
        HEADER, NO_HEADER, LINE_TOO_LONG, QUOTE, FIELD_COUNT, OBSERVER, ADDRESS, NUMBER, WINDOW, DUPLICATE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One accepted line. */
    public record Row(int line, VirtualServer virtualServer) {}

    /** One refused line, with its 1-based number and what is wrong. */
    public record Problem(int line, Reason reason, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message + " (" + reason.code() + ")";
        }
    }

    /**
     * The whole file read.
     *
     * @param headerLine 0 when no header was found (empty file)
     */
    public record Result(int headerLine, List<Row> rows, List<Problem> problems) {}

    private VipCsv() {}

    /** Reads a whole CSV text (any line ends: LF, CRLF, CR). */
    public static Result parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<Column, Integer> columns = null;
        int headerLine = 0;
        boolean headerBad = false;
        Map<String, Integer> seen = new HashMap<>();
        int lineNo = 0;
        int pos = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            pos = 1; // byte-order mark from spreadsheet exports
        }
        while (pos < n) {
            int end = pos;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(pos, end);
            lineNo++;
            pos = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
                continue;
            }
            if (headerLine == 0) {
                headerLine = lineNo;
                List<String> names = line.length() > MAX_LINE_CHARS ? null : split(line);
                if (names == null) {
                    headerBad = true;
                    problems.add(new Problem(lineNo, Reason.HEADER, line.length() > MAX_LINE_CHARS
                            ? "header longer than " + MAX_LINE_CHARS + " characters" : "header has an unbalanced quote"));
                    continue;
                }
                Object header = header(names);
                if (header instanceof String message) {
                    headerBad = true;
                    problems.add(new Problem(lineNo, Reason.HEADER, message));
                } else {
                    @SuppressWarnings("unchecked")
                    Map<Column, Integer> c = (Map<Column, Integer>) header;
                    columns = c;
                }
                continue;
            }
            if (headerBad) {
                problems.add(new Problem(lineNo, Reason.NO_HEADER, "no usable header (line " + headerLine + ")"));
                continue;
            }
            Object parsed = row(line, columns);
            if (parsed instanceof Problem p) {
                problems.add(new Problem(lineNo, p.reason(), p.message()));
                continue;
            }
            VirtualServer vs = (VirtualServer) parsed;
            String key = vs.observer() + "/" + HostPort.of(vs.address(), null, vs.port());
            Integer first = seen.putIfAbsent(key, lineNo);
            if (first != null) {
                problems.add(new Problem(lineNo, Reason.DUPLICATE,
                        "same observer and address as line " + first + " (" + vs.observer() + ", "
                                + HostPort.of(vs.address(), null, vs.port()) + ")"));
                continue;
            }
            rows.add(new Row(lineNo, vs));
        }
        return new Result(headerLine, List.copyOf(rows), List.copyOf(problems));
    }

    /** Column positions, or an error message. */
    private static Object header(List<String> names) {
        Map<Column, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            Column column = null;
            for (Column c : Column.values()) {
                if (c.header().equals(name)) {
                    column = c;
                }
            }
            if (column == null) {
                return "unknown column '" + clip(names.get(i)) + "' (known: " + knownColumns() + ")";
            }
            if (columns.putIfAbsent(column, i) != null) {
                return "column '" + name + "' named twice";
            }
        }
        if (!columns.containsKey(Column.OBSERVER) || !columns.containsKey(Column.ADDRESS)) {
            return "header must name the columns observer and address (known: " + knownColumns() + ")";
        }
        return columns;
    }

    private static String knownColumns() {
        StringBuilder b = new StringBuilder();
        for (Column c : Column.values()) {
            b.append(b.length() == 0 ? "" : ",").append(c.header());
        }
        return b.toString();
    }

    /** A {@link VirtualServer} or a {@link Problem} (line number filled in by the caller). */
    private static Object row(String line, Map<Column, Integer> columns) {
        if (line.length() > MAX_LINE_CHARS) {
            return problem(Reason.LINE_TOO_LONG, "longer than " + MAX_LINE_CHARS + " characters");
        }
        List<String> fields = split(line);
        if (fields == null) {
            return problem(Reason.QUOTE, "unbalanced quote (a quoted field must end on its line)");
        }
        int expected = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (fields.size() != expected) {
            return problem(Reason.FIELD_COUNT, fields.size() + " fields, the header has " + expected);
        }
        Map<Column, String> v = new HashMap<>();
        for (Map.Entry<Column, Integer> e : columns.entrySet()) {
            String value = fields.get(e.getValue()).strip();
            if (!value.isEmpty()) {
                v.put(e.getKey(), value);
            }
        }
        String observer = v.get(Column.OBSERVER);
        if (observer == null) {
            return problem(Reason.OBSERVER, "observer is empty");
        }
        if (observer.indexOf('/') >= 0 && !observer.matches("slot[0-9]+/[^/]+")) {
            return problem(Reason.OBSERVER, "observer '" + clip(observer) + "' holds a '/' (only slotN/guest may)");
        }
        String addressText = v.get(Column.ADDRESS);
        if (addressText == null) {
            return problem(Reason.ADDRESS, "address is empty");
        }
        Object address = address(addressText);
        if (address instanceof Problem p) {
            return p;
        }
        Address a = (Address) address;
        Integer fire = null;
        Integer resolve = null;
        String window = v.get(Column.ALERT_WINDOW);
        if (v.containsKey(Column.ALERT_FIRE_FAILURES)) {
            fire = count(v.get(Column.ALERT_FIRE_FAILURES));
            if (fire == null) {
                return problem(Reason.NUMBER, "alert_fire_failures '" + clip(v.get(Column.ALERT_FIRE_FAILURES))
                        + "' is not a whole number from 1 to 1000000");
            }
        }
        if (v.containsKey(Column.ALERT_RESOLVE_FAILURES)) {
            resolve = count(v.get(Column.ALERT_RESOLVE_FAILURES));
            if (resolve == null) {
                return problem(Reason.NUMBER, "alert_resolve_failures '" + clip(v.get(Column.ALERT_RESOLVE_FAILURES))
                        + "' is not a whole number from 1 to 1000000");
            }
        }
        if (fire != null && resolve != null && resolve > fire) {
            return problem(Reason.NUMBER, "alert_resolve_failures " + resolve + " is above alert_fire_failures " + fire);
        }
        if (window != null && parseWindow(window) == null) {
            return problem(Reason.WINDOW, "alert_window '" + clip(window)
                    + "' is neither an ISO-8601 duration (PT2M) nor a number with ms, s, m or h (60s)");
        }
        return new VirtualServer(observer, v.get(Column.NAME), a.address(), a.port(), v.get(Column.PARTITION),
                v.get(Column.APPLICATION), v.get(Column.OWNER), v.get(Column.PAGING_ROUTE), null, SOURCE, fire,
                resolve, window);
    }

    /**
     * An address as the inventory keys it: its one text form ({@link IpText}, RFC 5952 for IPv6:
     * {@code [2001:0DB8::0010]:443} is {@code 2001:db8::10}), {@code %N} kept when not 0, and a port.
     */
    public record Address(String address, int port) {}

    /**
     * An address written as in the {@code address} column, checked and normalised the same way.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Address parseAddress(String text) {
        Object address = address(text);
        if (address instanceof Problem p) {
            throw new IllegalArgumentException(p.message());
        }
        return (Address) address;
    }

    /** Parses {@code ip:port}, {@code ip%rd:port}, {@code [v6]:port} or {@code [v6%rd]:port}; never throws. */
    static Object address(String text) {
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return problem(Reason.ADDRESS, "address '" + clip(text) + "' is not [v6]:port");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return problem(Reason.ADDRESS, "address '" + clip(text) + "' has no :port");
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                return problem(Reason.ADDRESS, "IPv6 address '" + clip(text) + "' must be in brackets: [v6]:port");
            }
        }
        int port = number(portText, 65535);
        if (port < 0) {
            return problem(Reason.ADDRESS, "port '" + clip(portText) + "' is not a number from 0 to 65535");
        }
        Integer routeDomain = null;
        int percent = host.indexOf('%');
        if (percent >= 0) {
            int rd = number(host.substring(percent + 1), MAX_ROUTE_DOMAIN);
            if (rd < 0) {
                return problem(Reason.ADDRESS, "route domain in '" + clip(text) + "' is not a number from 0 to "
                        + MAX_ROUTE_DOMAIN);
            }
            routeDomain = rd == 0 ? null : rd;
            host = host.substring(0, percent);
        }
        String ip = ip(host);
        if (ip == null) {
            return problem(Reason.ADDRESS, "'" + clip(host) + "' is not an IPv4 or IPv6 address");
        }
        return new Address(routeDomain == null ? ip : ip + "%" + routeDomain, port);
    }

    /** The address in its one text form ({@link IpText}: RFC 5952 for IPv6), as log lines give it; else null. */
    private static String ip(String host) {
        return IpText.canonical(host);
    }

    /** 1..1000000, or null. */
    private static Integer count(String s) {
        int n = number(s, 1_000_000);
        return n < 1 ? null : n;
    }

    /** A decimal number of at most 7 digits no larger than {@code max}, or -1. */
    private static int number(String s, int max) {
        return s.length() > 7 ? -1 : Decimals.parse(s, max);
    }

    /**
     * A positive window in the one duration grammar ({@link Durations}: {@code 500ms}, {@code 2m}, ISO-8601
     * {@code PT2M}); null when the text is not one.
     */
    public static Duration parseWindow(String text) {
        try {
            return text == null ? null : Durations.parsePositive(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Splits one line on commas; a field starting with {@code "} runs to its closing quote ({@code ""} inside is
     * one quote) and may hold commas. Null when a quote is unbalanced or text follows a closing quote.
     */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            // leading blanks before a quoted field are allowed
            int start = i;
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                field.setLength(0);
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    return null;
                }
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    return null;
                }
                fields.add(field.toString());
            } else {
                i = start;
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String raw = line.substring(i, end);
                if (raw.indexOf('"') >= 0) {
                    return null;
                }
                fields.add(raw);
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
            if (i >= n) {
                fields.add("");
                return fields;
            }
        }
    }

    private static Problem problem(Reason reason, String message) {
        return new Problem(0, reason, message);
    }

    /** Text from the file shown in a message: at most 60 characters, control characters escaped. */
    private static String clip(String s) {
        String c = Texts.cutMarked(s, 61);
        StringBuilder b = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
