package io.tlswatch.processors.decode.audit;

import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.Texts;
import java.util.Locale;

/**
 * BIG-IP audit lines (DESIGN §4, issue 15): configuration changes, kept when they can affect TLS. Two layouts,
 * both from public samples (fixtures and their sources: {@code src/test/resources/audit/README.md}):
 *
 * <pre>
 * 01420002 (tmsh, and iControl REST through icrd_child):
 *   AUDIT - pid=16322 user=root folder=/ module=(tmos)# status=[Command OK] cmd_data=cd / ;
 * 01070417 (mcpd, one line per object of a transaction):
 *   AUDIT - client Unknown, user admin - transaction #29190393-2 - object 0 - modify { rule { rule_name "/Common/x"
 *   rule_definition "when ..." rule_ignore_verification 0 } } [Status=Command OK]
 * </pre>
 *
 * The same id 01070417 also carries logins ({@code AUDIT - user admin - RAW: httpd(pam_audit): ...}) and GUI
 * requests ({@code RAW: Request to run ...}): not changes. Pure Java; never throws on data.
 */
public final class AuditLines {
    public static final String TMSH = "01420002";
    public static final String MCPD = "01070417";
    /** What the change event keeps of the command and of the line. */
    static final int MAX_COMMAND = 1024;
    static final int MAX_LINE = 2048;
    private static final String AUDIT = "AUDIT - ";

    private AuditLines() {}

    /** Whether the 8 bytes at {@code at} are one of the audit ids. */
    public static boolean isAuditMsgid(byte[] v, int at) {
        return matches(v, at, TMSH) || matches(v, at, MCPD);
    }

    private static boolean matches(byte[] v, int at, String id) {
        for (int k = 0; k < id.length(); k++) {
            if (v[at + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static final byte[] CMD_DATA = " cmd_data=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MCPD_CLIENT = "AUDIT - client ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String[] VERBS = {"create ", "modify ", "delete ", "install "};

    /**
     * A cheap look at the bytes of an audit line, before any String is made: whether it may be a change (a tmsh
     * command starting with a changing verb, or an mcpd transaction line). Most audit lines are {@code show},
     * {@code list} and logins, and they stay as cheap to drop as before.
     *
     * @param colon the colon that ends the message id ({@code 01420002:5:} → the first colon)
     * @param text  where the message text starts: after {@code msgid:level:}, any RFC 5424 structured data and spaces
     */
    public static boolean mayBeChange(byte[] v, int colon, int text, int to) {
        if (matches(v, colon - 8, MCPD)) {
            return startsWith(v, text, to, MCPD_CLIENT);
        }
        int at = indexOf(v, colon, to, CMD_DATA);
        if (at < 0) {
            return false;
        }
        int cmd = at + CMD_DATA.length;
        while (cmd < to && v[cmd] == ' ') {
            cmd++;
        }
        for (String verb : VERBS) {
            if (cmd + verb.length() <= to && matches(v, cmd, verb)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] v, int at, int to, byte[] prefix) {
        if (at + prefix.length > to) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (v[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] v, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (startsWith(v, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param text    the message after {@code msgid:level: }
     * @param process the syslog tag's process ({@code tmsh}, {@code icrd_child}, {@code mcpd}), null if stripped
     * @return the change event, or null when the line is not a TLS-relevant change (counted and dropped)
     */
    public static ChangeEvent decode(String msgid, String text, String observer, long timestampMs, String process,
            String line) {
        if (!text.startsWith(AUDIT)) {
            return null;
        }
        String body = text.substring(AUDIT.length());
        return TMSH.equals(msgid) ? tmsh(body, observer, timestampMs, process, line)
                : MCPD.equals(msgid) ? mcpd(body, observer, timestampMs, process, line) : null;
    }

    /** {@code pid=N user=U folder=F module=M status=[S] cmd_data=C} */
    private static ChangeEvent tmsh(String body, String observer, long ts, String process, String line) {
        int cmdAt = body.indexOf(" cmd_data=");
        if (cmdAt < 0) {
            return null;
        }
        String head = body.substring(0, cmdAt);
        String command = body.substring(cmdAt + " cmd_data=".length());
        String user = field(head, "user=");
        String folder = field(head, "folder=");
        String module = field(head, "module=");
        String status = bracketed(head, "status=[");
        ChangeFacts f = TmshCommands.read(command, folder, module);
        if (f == null) {
            return null;
        }
        String origin = process != null && (process.startsWith("icrd") || process.startsWith("restjavad"))
                ? "icontrol_rest" : "tmsh";
        return event(observer, ts, TMSH, origin, process, user, null, null, f, status, command, line);
    }

    /** {@code client C, user U - transaction #T - object N - VERB { ... } [Status=S]} */
    private static ChangeEvent mcpd(String body, String observer, long ts, String process, String line) {
        if (!body.startsWith("client ")) {
            return null; // logins and RAW requests
        }
        int userAt = body.indexOf(", user ");
        int txAt = body.indexOf(" - transaction #");
        int objAt = txAt < 0 ? -1 : body.indexOf(" - object ", txAt);
        int verbAt = objAt < 0 ? -1 : body.indexOf(" - ", objAt + " - object ".length());
        if (userAt < 0 || txAt < userAt || objAt < 0 || verbAt < 0) {
            return null;
        }
        String client = body.substring("client ".length(), userAt).strip();
        String user = body.substring(userAt + ", user ".length(), txAt).strip();
        String transaction = body.substring(txAt + " - transaction #".length(), objAt).strip();
        String rest = body.substring(verbAt + 3);
        int open = rest.indexOf('{');
        if (open < 0) {
            return null;
        }
        String verb = rest.substring(0, open).strip().toLowerCase(Locale.ROOT);
        int statusAt = rest.lastIndexOf(" [Status=");
        String object = statusAt > open ? rest.substring(open, statusAt) : rest.substring(open);
        String status = statusAt > open ? bracketed(rest.substring(statusAt), "[Status=") : null;
        ChangeFacts f = McpdObjects.read(verb, object);
        if (f == null) {
            return null;
        }
        return event(observer, ts, MCPD, origin(client), process, user, client, transaction, f, status,
                rest.substring(0, statusAt > open ? statusAt : rest.length()), line);
    }

    /** mcpd names its client: tmsh, the REST daemons, the GUI (tmui); "Unknown" says nothing. */
    static String origin(String client) {
        String c = client.toLowerCase(Locale.ROOT);
        if (c.contains("tmsh")) {
            return "tmsh";
        }
        if (c.contains("icontrol") || c.contains("icrd") || c.contains("rest")) {
            return "icontrol_rest";
        }
        if (c.contains("tmui") || c.contains("gui") || c.contains("httpd") || c.contains("configuration utility")) {
            return "gui";
        }
        return "mcpd";
    }

    private static ChangeEvent event(String observer, long ts, String msgid, String origin, String process,
            String user, String client, String transaction, ChangeFacts f, String status, String command,
            String line) {
        boolean ok = status != null && status.equalsIgnoreCase("Command OK");
        return new ChangeEvent(observer, ts, msgid, origin, process, blankToNull(user), blankToNull(client),
                blankToNull(transaction), f.verb(), f.kind().wireName(), f.name(), f.aspects(), f.references(),
                status, ok, Texts.cutMarked(command.strip(), MAX_COMMAND),
                Texts.cutMarked(line, MAX_LINE));
    }

    /** The token after {@code key} up to the next blank. */
    private static String field(String s, String key) {
        int at = s.startsWith(key) ? 0 : s.indexOf(" " + key);
        if (at < 0) {
            return null;
        }
        int from = at == 0 ? key.length() : at + 1 + key.length();
        int end = s.indexOf(' ', from);
        return s.substring(from, end < 0 ? s.length() : end);
    }

    private static String bracketed(String s, String open) {
        int at = s.indexOf(open);
        if (at < 0) {
            return null;
        }
        int end = s.indexOf(']', at + open.length());
        return s.substring(at + open.length(), end < 0 ? s.length() : end).strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
