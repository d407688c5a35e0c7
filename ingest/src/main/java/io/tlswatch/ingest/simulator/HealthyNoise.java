package io.tlswatch.ingest.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Everyday non-SSL lines of a BIG-IP, modelled on the public samples in
 * {@code shared/data/f5/real-lines.jsonl}. They must never look like a TLS failure: the pipeline counts and
 * drops them (DESIGN §4), and the simulator's tests rely on that.
 */
final class HealthyNoise {

    /** Kinds of noise with their share of the volume, in percent. */
    private enum Kind {
        TMSH_AUDIT(12), MCPD_MONITOR(18), HTTPD_PAM_AUDIT(10), APMD_CLIENT_INFO(20), CROND(8), SSHD(10),
        SYSTEMD_JOURNAL(5), TCL_ERROR(17);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final int TOTAL_WEIGHT = 100;

    private static final List<String> USERS = List.of("admin", "root", "aesguerra", "jdoe", "mkumar", "svc-ansible",
            "ops-backup", "lchen");
    private static final List<String> ADMIN_HOSTS = List.of("10.77.112.22", "10.77.112.23", "10.77.112.41",
            "172.18.5.167", "192.168.4.39");
    private static final List<String> TMSH_COMMANDS = List.of("cd / ;", "list ltm virtual", "show sys version",
            "show ltm pool /Common/web-pool members", "save sys config", "list ltm profile client-ssl",
            "show sys performance", "show net interface", "show ltm virtual /Common/vs_ldaps_636");
    /** Pool members with the monitor their pool uses: "Pool /Common/<pool> member /Common/<member>". */
    private static final List<PoolMember> POOL_MEMBERS = List.of(
            new PoolMember("web-pool", "go_web1:4000", "http"), new PoolMember("web-pool", "go_web2:4000", "http"),
            new PoolMember("infra-docs-pool", "go_web3:4000", "tcp_half_open"),
            new PoolMember("api-pool", "api-a:8443", "https"), new PoolMember("api-pool", "api-b:8443", "https"),
            new PoolMember("ldap-pool", "dc01:636", "ldap"), new PoolMember("ldap-pool", "dc02:636", "ldap"),
            new PoolMember("payments-pool", "10.30.4.21:80", "http"),
            new PoolMember("payments-pool", "10.30.4.22:80", "gateway_icmp"));
    private static final List<String> ACCESS_PROFILES = List.of("Network_Access_01", "Network_Access_02",
            "vpn-access-profile");
    private static final List<String> BROWSERS = List.of("Type: Chrome Version: 120", "Type: Firefox Version: 115",
            "Type: Edge Version: 119", "Type: Safari Version: 17", "Type: IE Version: 11");
    private static final List<String> PLATFORMS = List.of("Platform: Win10 CPU: x64", "Platform: Win11 CPU: x64",
            "Platform: Win7 CPU: WOW64", "Platform: MacOS CPU: arm64", "Platform: Linux CPU: x64");
    private static final List<String> CRON_JOBS = List.of(
            "(root) CMD (nice -n 19 ionice -c 3 /usr/share/ts/bin/asm_logrotate)",
            "(root) CMD (/usr/bin/diskmonitor)", "(syscheck) CMD (/usr/bin/system_check -q)",
            "(root) CMD (run-parts /etc/cron.hourly)");
    private static final List<String> IRULES = List.of("stg-Artifactory-iRule", "redirect-http-to-https",
            "header-insert-xff", "maintenance-page");
    private static final List<String> TCL_ERRORS = List.of(
            "<HTTP_REQUEST> - ERR_NOT_SUPPORTED (line 8)     invoked from within \"HTTP::method\"",
            "<HTTP_RESPONSE> - Operation not supported (line 12)     invoked from within "
                    + "\"HTTP::header insert X-Frame-Options DENY\"",
            "<HTTP_REQUEST> - can't read \"uri\": no such variable     while executing \"HTTP::redirect $uri\"");

    // pam_audit prints the session times like date(1): "Mon Jul  6 22:37:49 2020"
    private static final DateTimeFormatter PAM_TIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    // pids of short-lived processes (tmsh sessions, cron jobs, sshd children) are above the daemons' range
    private static final int TRANSIENT_PID_BASE = 48_000;
    private static final int TRANSIENT_PID_SPAN = 52_000;

    private HealthyNoise() {}

    /** One noise line of {@code host}, stamped {@code stamp}; {@code nowMs} is within that second. */
    static String line(HostProfile host, Random r, String stamp, long nowMs) {
        return switch (pick(r)) {
            case TMSH_AUDIT -> tmshAudit(host, r, stamp);
            case MCPD_MONITOR -> mcpdMonitor(host, r, stamp);
            case HTTPD_PAM_AUDIT -> httpdPamAudit(host, r, stamp, nowMs);
            case APMD_CLIENT_INFO -> apmdClientInfo(host, r, stamp);
            case CROND -> SyslogEnvelope.lineWithoutMsgid(stamp, host.name(), "CROND", transientPid(r),
                    SyslogEnvelope.INFO, any(r, CRON_JOBS));
            case SSHD -> sshd(host, r, stamp, nowMs);
            case SYSTEMD_JOURNAL -> SyslogEnvelope.lineWithoutMsgid(stamp, host.name(), "systemd-journal",
                    host.journalPid(), SyslogEnvelope.INFO,
                    "Suppressed " + (1 + r.nextInt(2_000)) + " messages from /system.slice/runit.service");
            case TCL_ERROR -> SyslogEnvelope.line(stamp, host.name(), any(r, HostProfile.TMM_THREADS),
                    host.tmmPid(), "01220001", SyslogEnvelope.ERR,
                    "TCL error: /Common/" + any(r, IRULES) + " " + any(r, TCL_ERRORS));
        };
    }

    private static String tmshAudit(HostProfile host, Random r, String stamp) {
        return tmshAudit(stamp, host.name(), transientPid(r), any(r, USERS), "/", any(r, TMSH_COMMANDS));
    }

    /** A tmsh audit line ({@code 01420002}, layout of the public samples) of a command that worked. */
    static String tmshAudit(String stamp, String host, int pid, String user, String folder, String command) {
        String text = "AUDIT - pid=" + pid + " user=" + user + " folder=" + folder + " module=(tmos)# "
                + "status=[Command OK] cmd_data=" + command;
        return SyslogEnvelope.line(stamp, host, "tmsh", pid, "01420002", SyslogEnvelope.NOTICE, text);
    }

    private static String mcpdMonitor(HostProfile host, Random r, String stamp) {
        PoolMember pm = any(r, POOL_MEMBERS);
        String member = "Pool /Common/" + pm.pool() + " member /Common/" + pm.member();
        String monitor = "/Common/" + pm.monitor();
        String text = r.nextBoolean()
                ? member + " monitor status down. [ " + monitor + ": down; last error:  ]  [ was up for "
                        + r.nextInt(2_000) + "hrs:" + r.nextInt(60) + "mins:" + r.nextInt(60) + "sec ]"
                : member + " monitor status up. [ " + monitor + ": up ]  [ was down for 0hrs:"
                        + r.nextInt(60) + "mins:" + r.nextInt(60) + "sec ]";
        return SyslogEnvelope.line(stamp, host.name(), "mcpd", host.mcpdPid(), "01070638", SyslogEnvelope.NOTICE,
                text);
    }

    private static String httpdPamAudit(HostProfile host, Random r, String stamp, long nowMs) {
        String user = any(r, USERS);
        String text = "AUDIT - user " + user + " - RAW: httpd(pam_audit): user=" + user + "(" + user
                + ") partition=[All] level=Administrator tty=(unknown) host=" + any(r, ADMIN_HOSTS)
                + " attempts=1 start=\"" + pamTime(nowMs - 1_000L * r.nextInt(30)) + "\" end=\"" + pamTime(nowMs)
                + "\".";
        return SyslogEnvelope.line(stamp, host.name(), "httpd(pam_audit)", any(r, host.httpdPids()), "01070417",
                SyslogEnvelope.INFO, text);
    }

    private static String apmdClientInfo(HostProfile host, Random r, String stamp) {
        String text = "/Common/" + any(r, ACCESS_PROFILES) + ":Common:" + String.format(Locale.ROOT, "%08x",
                r.nextInt()) + ": Received client info - Hostname:  " + any(r, BROWSERS) + " "
                + any(r, PLATFORMS) + " UI Mode: Full Javascript Support: 1 ActiveX Support: " + r.nextInt(2)
                + " Plugin Support: 0";
        return SyslogEnvelope.line(stamp, host.name(), "apmd", host.apmdPid(), "01490248", SyslogEnvelope.NOTICE,
                text);
    }

    private static String sshd(HostProfile host, Random r, String stamp, long nowMs) {
        String user = any(r, USERS);
        int pid = transientPid(r);
        return switch (r.nextInt(3)) {
            case 0 -> SyslogEnvelope.line(stamp, host.name(), "sshd(pam_audit)", pid, "01070417",
                    SyslogEnvelope.INFO, "AUDIT - user " + user + " - RAW: sshd(pam_audit): user=" + user + "("
                            + user + ") partition=[All] level=Administrator tty=ssh host=" + any(r, ADMIN_HOSTS)
                            + " attempts=1 start=\"" + pamTime(nowMs) + "\".");
            case 1 -> SyslogEnvelope.lineWithoutMsgid(stamp, host.name(), "sshd", pid, SyslogEnvelope.NOTICE,
                    "pam_radius_auth: pam_radius_auth: user " + user + " successfully authenticated");
            default -> SyslogEnvelope.lineWithoutMsgid(stamp, host.name(), "sshd", pid, SyslogEnvelope.INFO,
                    "Accepted publickey for " + user + " from " + any(r, ADMIN_HOSTS) + " port "
                            + (1_024 + r.nextInt(64_512)) + " ssh2");
        };
    }

    private static Kind pick(Random r) {
        int roll = r.nextInt(TOTAL_WEIGHT);
        for (Kind kind : KINDS) {
            roll -= kind.weight;
            if (roll < 0) {
                return kind;
            }
        }
        throw new AssertionError("weights must add up to " + TOTAL_WEIGHT);
    }

    private static int transientPid(Random r) {
        return TRANSIENT_PID_BASE + r.nextInt(TRANSIENT_PID_SPAN);
    }

    private static String pamTime(long epochMs) {
        return PAM_TIME.format(Instant.ofEpochMilli(epochMs));
    }

    private static <T> T any(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private record PoolMember(String pool, String member, String monitor) {}
}
