package io.tlswatch.app.notify;

import io.tlswatch.app.CtrlC;
import io.tlswatch.app.KafkaReachability;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.processors.TlswatchConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlswatch notify}: delivers the alert lifecycle events of {@code tlswatch.alerts} to PagerDuty (Events
 * API v2) and Alertmanager (API v2) until stopped (DESIGN §9, Delivery).
 */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = {
            "Delivers alerts from the alerts topic to PagerDuty (Events API v2) and",
            "Alertmanager (API v2) until stopped (Ctrl-C). Offsets are committed only after",
            "delivery; firing alerts are re-sent to Alertmanager; storm children are not sent.",
            "",
            "Settings (--config FILE or TLSWATCH_* environment):",
            "  notify.pagerduty.routing.default  routing key when an alert names no route",
            "  notify.pagerduty.routing.<route>  key of inventory route pagerduty:<route>",
            "  notify.pagerduty.url, notify.alertmanager.url, notify.alertmanager.resend",
            "  (1m), notify.group.id (tlswatch-notify), notify.retry.initial (1s),",
            "  notify.retry.max (1m), notify.http.timeout (10s); startup.timeout (30s):",
            "  how long Kafka may take to answer",
            "",
            "Counters (delivered, retried, dead-lettered, skipped) go to standard error.",
            "",
            "Exit codes: 0 stopped cleanly, 1 runtime failure (Kafka), 2 usage or configuration error.",
            ""
        },
        footer = {"", "Examples:",
            "  TLSWATCH_NOTIFY_PAGERDUTY_ROUTING_DEFAULT=R0UT1NG tlswatch notify -b b1:9092",
            "  tlswatch notify --config tlswatch.properties",
            "  tlswatch notify --config tlswatch.properties --dry-run --from-beginning"})
public final class NotifyCommand implements Callable<Integer> {
    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @Option(names = "--dry-run",
            description = "print one line per request that would be sent (target, method, URL, JSON body), "
                    + "send and commit nothing, stop at the end of the topic; does not join the consumer group")
    boolean dryRun;

    @Option(names = "--from-beginning",
            description = "ignore committed offsets and read the whole topic (every event delivered again; "
                    + "mostly for --dry-run)")
    boolean fromBeginning;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        PrintWriter err = cli.getErr();
        TlswatchConfig config = where.settings(cli);
        NotifySettings settings;
        String dlqTopic;
        try {
            settings = NotifySettings.from(config);
            dlqTopic = config.topics().dlq();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage(), e);
        }
        if (!settings.pagerDutyEnabled() && !settings.alertmanagerEnabled()) {
            throw new CommandLine.ParameterException(cli, "nothing to deliver to: set "
                    + NotifySettings.ROUTING_PREFIX + "default (or ." + "<route>) for PagerDuty, or "
                    + "notify.alertmanager.url");
        }
        Map<String, Object> client = where.client(config, "tlswatch-notify", "", cli);
        String unreachable = KafkaReachability.check(client, config.startupTimeout());
        if (unreachable != null) {
            err.println("tlswatch: " + unreachable);
            err.flush();
            return 1;
        }
        NotifyOptions options = new NotifyOptions(where.topic(config.topics().alerts()), dlqTopic, dryRun,
                fromBeginning, cli.getOut(), err);
        err.printf("notify: reading %s as group %s%s; delivering to %s%s%n", options.alertsTopic(), settings.groupId(),
                dryRun ? " (dry run: nothing sent or committed)" : "", targets(settings),
                dryRun ? "" : "; Ctrl-C to stop");
        err.flush();
        try (CtrlC ctrlC = new CtrlC("notify")) {
            Notifier notifier = Notifier.start(settings, options, client);
            Thread stopper = new Thread(() -> {
                try {
                    ctrlC.stopRequested().await();
                    notifier.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tlswatch-notify-ctrlc");
            stopper.setDaemon(true);
            stopper.start();
            while (!notifier.awaitStopped(Duration.ofSeconds(1))) {
                // the notifier runs until Ctrl-C, a failure, or the end of a dry run
            }
            notifier.close();
            if (notifier.failure() != null) {
                err.println("tlswatch: notify failed: " + notifier.failure().getMessage());
                err.flush();
                return 1;
            }
            return 0;
        }
    }

    private static String targets(NotifySettings s) {
        StringBuilder out = new StringBuilder();
        if (s.pagerDutyEnabled()) {
            out.append("PagerDuty ").append(s.pagerDutyUrl()).append(" (routes ")
                    .append(String.join(", ", s.routingKeys().keySet())).append(')');
        }
        if (s.alertmanagerEnabled()) {
            out.append(out.length() > 0 ? " and " : "").append("Alertmanager ").append(s.alertmanagerUrl())
                    .append(" (re-sent every ").append(s.resend().toSeconds()).append(" s)");
        }
        return out.toString();
    }
}
