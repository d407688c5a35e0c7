package io.tlswatch.app.quality;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ordinary, non-TLS talk of a BIG-IP's {@code /var/log/ltm} around the SSL lines, in the layouts of the
 * real lines of {@code shared/data/f5/real-lines.jsonl} (monitors, audit, TCL errors, RST limiting, cron,
 * journald). tlswatch must count and drop every one of them.
 */
final class ChatterLines {
    private ChatterLines() {}

    /** One line after {@code head} ({@code Mar  2 08:00:00 bigip-q1.example.net}). */
    static String line(String head, SplittableRandom rnd) {
        int member = 1 + rnd.nextInt(12);
        int pid = 2000 + rnd.nextInt(30_000);
        String text = switch (rnd.nextInt(8)) {
            case 0 -> "notice mcpd[6132]: 01070638:5: Pool /Common/app_pool member /Common/10.2.0." + member
                    + ":8443 monitor status down. [ /Common/https: down; last error:  ]  [ was up for "
                    + rnd.nextInt(900) + "hrs:" + rnd.nextInt(60) + "mins:" + rnd.nextInt(60) + "sec ]";
            case 1 -> "notice mcpd[6132]: 01070727:5: Pool /Common/app_pool member /Common/10.2.0." + member
                    + ":8443 monitor status up. [ /Common/https: up ]  [ was down for 0hr:0min:" + (5 + rnd.nextInt(50))
                    + "sec ]";
            case 2 -> "notice tmsh[" + pid + "]: 01420002:5: AUDIT - pid=" + pid
                    + " user=admin folder=/Common module=(tmos)# status=[Command OK] cmd_data=show ltm virtual ;";
            case 3 -> "info sshd(pam_audit)[" + pid + "]: 01070417:6: AUDIT - user admin - RAW: sshd(pam_audit): "
                    + "user=admin(admin) partition=[All] level=Administrator tty=ssh host=10.9.0." + member
                    + " attempts=1 start=\"Mon Mar  2 07:12:09 2026\".";
            case 4 -> "warning tmm" + (1 + rnd.nextInt(3)) + "[11820]: 011e0001:4: Limiting open port RST response from "
                    + (501 + rnd.nextInt(300)) + " to 500 packets/sec for traffic-group /Common/traffic-group-1";
            case 5 -> "err tmm" + (1 + rnd.nextInt(3)) + "[11820]: 01220001:3: TCL error: /Common/redirect_irule "
                    + "<HTTP_REQUEST> - ERR_NOT_SUPPORTED (line 8)     invoked from within \"HTTP::method\"";
            case 6 -> "info CROND[" + pid + "]: (root) CMD (nice -n 19 ionice -c 3 /usr/share/ts/bin/asm_logrotate)";
            default -> String.format(Locale.ROOT,
                    "info systemd-journal[626]: Suppressed %d messages from /system.slice/runit.service",
                    10 + rnd.nextInt(2000));
        };
        return head + " " + text;
    }
}
