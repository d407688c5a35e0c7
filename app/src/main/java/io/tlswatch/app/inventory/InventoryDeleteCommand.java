package io.tlswatch.app.inventory;

import io.tlswatch.app.KafkaReachability;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.ingest.inventory.VipCsv;
import io.tlswatch.ingest.kafka.SendAccount;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.inventory.InventoryKeys;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tlswatch inventory delete OBSERVER/ADDRESS:PORT...}: removes virtual servers loaded from a CSV by
 * writing a tombstone for their key ({@code observer/address:port#csv}); compaction then forgets them and the
 * pipeline's global table drops them at once. What the Telemetry Streaming poller learned has other keys and
 * is left alone (the poller would publish it again anyway). The topic is read first: the command prints the keys
 * it tombstoned (a VIP loaded under an older spelling of its IPv6 address gets a tombstone on that key too) and
 * warns for a VIP it never saw loaded (a typo?), whose tombstone it still writes.
 */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Removes virtual servers loaded from a CSV from the inventory topic",
            "(a tombstone per VIP). VIP: OBSERVER/ADDRESS:PORT, the address as in",
            "the CSV: ip:port, ip%%rd:port or [v6]:port (any IPv6 spelling).",
            "Prints the keys it tombstoned; warns for a VIP it never saw loaded.",
            "",
            "Exit codes: 0 done, 1 Kafka failed or no such topic, 2 usage (a VIP",
            "that cannot be read: nothing is written)."
        },
        footer = {"", "Examples:", "  tlswatch inventory delete bigip-01.example.net/10.10.1.10:443",
            "  tlswatch inventory delete --dry-run 'bigip-02/[2001:db8::10]:443'"})
public final class InventoryDeleteCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "OBSERVER/ADDRESS:PORT", description = "the VIPs to remove")
    List<String> vips;

    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @Option(names = "--dry-run", description = "print the keys that would get a tombstone, touch no Kafka")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> keys = new ArrayList<>();
        for (String vip : vips) {
            keys.add(key(vip));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TlswatchConfig settings = where.settings(spec.commandLine());
        if (dryRun) {
            keys.forEach(out::println);
            out.flush();
            err.printf("inventory delete: %d virtual servers would be removed from %s (dry run)%n", keys.size(),
                    where.topic(settings.topics().inventory()));
            err.flush();
            return 0;
        }
        InventoryTarget target = new InventoryTarget(where.topic(settings.topics().inventory()),
                where.client(settings, "tlswatch-inventory-delete", ", or --dry-run", spec.commandLine()));
        String unreachable = KafkaReachability.check(target.client(), settings);
        if (unreachable != null) {
            err.println("tlswatch: " + unreachable);
            err.flush();
            return 1;
        }
        if (!target.topicExists()) {
            // writing would let a broker auto-create it as a plain topic: nothing was loaded there anyway
            err.printf("inventory delete: topic %s does not exist: nothing to delete (is --topic right?)%n",
                    target.topic());
            err.flush();
            return 1;
        }
        // the keys loaded now, by their canonical spelling: an older load may have spelled an IPv6 address
        // differently (2001:0db8::0010), and its key is the same VIP
        Map<String, List<String>> loaded = new TreeMap<>();
        for (String key : target.loadedCsvKeys()) {
            loaded.computeIfAbsent(canonical(key), k -> new ArrayList<>()).add(key);
        }
        Set<String> tombstones = new LinkedHashSet<>();
        for (String key : keys) {
            List<String> live = loaded.getOrDefault(key, List.of());
            if (live.isEmpty()) {
                err.printf("inventory delete: warning: %s was never loaded into %s (or is already deleted): check "
                        + "the observer and address; a tombstone is written anyway%n", key, target.topic());
            }
            tombstones.add(key);
            tombstones.addAll(live);
        }
        List<String> written = List.copyOf(tombstones);
        SendAccount account = InventoryWriter.tombstones(written, target.client(), target.topic());
        written.forEach(out::println);
        out.flush();
        err.printf("inventory delete: %d virtual servers removed from %s (tombstones on %s)%n",
                keys.size() - (int) keys.stream().filter(k -> !loaded.containsKey(k)).count(), target.topic(),
                String.join(", ", written));
        err.flush();
        return account.acknowledged() == written.size() ? 0 : 1;
    }

    /** A loaded key in its canonical spelling ({@link VipCsv#parseAddress}); as it is when it cannot be read. */
    static String canonical(String csvKey) {
        String vipKey = csvKey.substring(0, csvKey.length() - InventoryKeys.CSV_SUFFIX.length());
        int slash = vipKey.lastIndexOf('/');
        if (slash <= 0) {
            return csvKey;
        }
        try {
            VipCsv.Address address = VipCsv.parseAddress(vipKey.substring(slash + 1));
            return InventoryKeys.csv(vipKey.substring(0, slash), address.address(), address.port());
        } catch (IllegalArgumentException e) {
            return csvKey;
        }
    }

    /** The CSV key of {@code observer/address:port}, or a usage error naming what is wrong. */
    private String key(String vip) {
        int slash = vip.lastIndexOf('/'); // observers may hold one (vCMP: slot1/guest); addresses never do
        if (slash <= 0 || slash == vip.length() - 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + vip + "' is not OBSERVER/ADDRESS:PORT (for example bigip-01/10.1.1.10:443)");
        }
        try {
            VipCsv.Address address = VipCsv.parseAddress(vip.substring(slash + 1));
            return InventoryKeys.csv(vip.substring(0, slash), address.address(), address.port());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + vip + "': " + e.getMessage());
        }
    }
}
