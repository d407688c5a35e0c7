package io.tlswatch.ingest.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-side reading of the RFC 3164 envelope of DESIGN §4, independent of the simulator's own code so
 * that a change in the simulator's output cannot also change what the tests expect.
 */
record ParsedLine(String month, int day, String time, String host, String severity, String process, int pid,
                  String msgid, int level, String text) {

    static final Pattern ENVELOPE = Pattern.compile(
            "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( [1-9]|[12]\\d|3[01]) (\\d\\d:\\d\\d:\\d\\d) "
                    + "(\\S+) (emerg|alert|crit|err|warning|notice|info|debug) "
                    + "([A-Za-z][\\w-]*(?:\\([\\w-]+\\))?)\\[(\\d+)\\]: "
                    + "(?:([0-9a-f]{8}):([0-7]): )?(\\S.*)$");

    static final Pattern ARROW = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+) -> (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");

    /** Parses {@code line} or fails the test with the line in the message. */
    static ParsedLine parse(String line) {
        Matcher m = ENVELOPE.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("not an F5 syslog line: " + line);
        }
        return new ParsedLine(m.group(1), Integer.parseInt(m.group(2).trim()), m.group(3), m.group(4), m.group(5),
                m.group(6), Integer.parseInt(m.group(7)), m.group(8),
                m.group(9) == null ? -1 : Integer.parseInt(m.group(9)), m.group(10));
    }

    boolean isSsl() {
        return msgid != null && msgid.startsWith("0126");
    }

    boolean isTmm() {
        return process.matches("tmm\\d*");
    }

    /** Host, process, pid and second: what the lines of one burst share. */
    String burstKey() {
        return host + " " + process + "[" + pid + "] " + month + " " + day + " " + time;
    }

    /** {@code <c>:<cp> -> <v>:<vp>} found in the text, or null. */
    String arrow() {
        Matcher m = ARROW.matcher(text);
        return m.find() ? m.group() : null;
    }

    /** The destination {@code <v>:<vp>} found in the text, or null. */
    String destination() {
        Matcher m = ARROW.matcher(text);
        return m.find() ? m.group(3) + ":" + m.group(4) : null;
    }

    /** The client port found in the text, or -1. */
    int clientPort() {
        Matcher m = ARROW.matcher(text);
        return m.find() ? Integer.parseInt(m.group(2)) : -1;
    }
}
