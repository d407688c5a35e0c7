package io.tlswatch.ingest.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The RFC 3164 envelope BIG-IP writes to {@code /var/log/ltm} and remote syslog (DESIGN §4):
 * {@code Mmm dd HH:MM:SS <host> <severity-word> <process>[<pid>]: <msgid>:<level>: <text>}, UTC.
 */
final class SyslogEnvelope {

    /** Severity words by syslog level 0..7, as BIG-IP prints them. */
    static final String[] SEVERITY_WORDS = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    static final int ERR = 3;
    static final int WARNING = 4;
    static final int NOTICE = 5;
    static final int INFO = 6;

    // English month names and a space-padded day ("Feb  1"), whatever the JVM's default locale
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    private SyslogEnvelope() {}

    /** The header timestamp of the second that contains {@code epochMs}. */
    static String stamp(long epochMs) {
        return STAMP.format(Instant.ofEpochMilli(epochMs));
    }

    /** A line of an F5 daemon: the text is preceded by {@code msgid:level: }. */
    static String line(String stamp, String host, String process, int pid, String msgid, int level, String text) {
        return header(stamp, host, level, process, pid).append(msgid).append(':').append(level).append(": ")
                .append(text).toString();
    }

    /** A line of a plain Linux daemon (crond, sshd, journald): no F5 message id. */
    static String lineWithoutMsgid(String stamp, String host, String process, int pid, int level, String text) {
        return header(stamp, host, level, process, pid).append(text).toString();
    }

    private static StringBuilder header(String stamp, String host, int level, String process, int pid) {
        return new StringBuilder(160).append(stamp).append(' ').append(host).append(' ')
                .append(SEVERITY_WORDS[level]).append(' ').append(process).append('[').append(pid).append("]: ");
    }
}
