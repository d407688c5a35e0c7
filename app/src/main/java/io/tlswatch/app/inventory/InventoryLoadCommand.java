package io.tlswatch.app.inventory;

import io.tlswatch.app.KafkaReachability;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.ingest.inventory.VipCsv;
import io.tlswatch.ingest.kafka.SendAccount;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.inventory.InventoryKeys;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.VirtualServer;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tlswatch inventory load FILE}: reads the VIP CSV ({@link VipCsv}) and writes one {@link VirtualServer}
 * per row (source {@code csv}) to the compacted {@code tlswatch.inventory}, keyed
 * {@code observer/address:port#csv} ({@link InventoryKeys}), where the pipeline's global table picks it up.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Loads virtual servers from a CSV file into the inventory topic (compacted; created if missing).",
            "The header names the columns, in any order (observer and address required):",
            "  observer,name,address,partition,application,owner,paging_route,",
            "  alert_fire_failures,alert_resolve_failures,alert_window",
            "",
            "Bad rows are reported with their line number and skipped.",
            "",
            "Exit codes: 0 done, 1 a row was bad (unless --skip-bad), the file is unreadable or Kafka failed",
            "(no answer within startup.timeout), 2 usage."
        },
        footer = {"", "Examples:", "  tlswatch inventory load config/vips.example.csv",
            "  tlswatch inventory load --bootstrap-server broker1:9092 vips.csv",
            "  tlswatch inventory load --dry-run vips.csv"})
public final class InventoryLoadCommand implements Callable<Integer> {
    /** Problems printed one by one; the rest are counted. */
    static final int MAX_PROBLEMS_SHOWN = 20;
    private static final int ADMIN_TIMEOUT_MS = 30_000;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "CSV file, or - for standard input")
    String input;

    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @Option(names = "--dry-run", description = "print what would be written (key, tab, JSON), touch no Kafka")
    boolean dryRun;

    @Option(names = "--skip-bad", description = "exit 0 even when rows were bad (they are still reported and skipped)")
    boolean skipBad;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"-".equals(input) && !Files.isReadable(Path.of(input))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read CSV file " + input);
        }
        String text;
        try {
            byte[] bytes = "-".equals(input) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(input));
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            err.printf("tlswatch: %s is not UTF-8 text%n", name());
            err.flush();
            return 1;
        }
        VipCsv.Result csv = VipCsv.parse(text);
        List<VipCsv.Problem> problems = csv.problems();
        for (int i = 0; i < Math.min(problems.size(), MAX_PROBLEMS_SHOWN); i++) {
            err.println("inventory load: " + name() + ": " + problems.get(i));
        }
        if (problems.size() > MAX_PROBLEMS_SHOWN) {
            err.printf("inventory load: %s: %d more problems not shown%n", name(), problems.size() - MAX_PROBLEMS_SHOWN);
        }
        long badRows = problems.stream().filter(p -> p.line() != csv.headerLine()).count();
        boolean headerBad = problems.stream().anyMatch(p -> p.line() == csv.headerLine());

        TlswatchConfig settings = where.settings(spec.commandLine());
        String target = where.topic(settings.topics().inventory());
        if (dryRun) {
            for (VipCsv.Row row : csv.rows()) {
                out.println(InventoryKeys.of(row.virtualServer()) + "\t" + Json.write(row.virtualServer()));
            }
            out.flush();
            err.printf("inventory load: %s: %d virtual servers would be written to %s, %d bad rows skipped (dry run)%n",
                    name(), csv.rows().size(), target, badRows);
            err.flush();
            return exitCode(badRows, headerBad);
        }

        Map<String, Object> client = where.client(settings, "tlswatch-inventory-load", ", or --dry-run",
                spec.commandLine());
        String unreachable = KafkaReachability.check(client, settings);
        if (unreachable != null) {
            err.println("tlswatch: " + unreachable);
            err.flush();
            return 1;
        }
        if (!csv.rows().isEmpty() && settings.createTopics()) {
            createIfMissing(client, target, settings.topicPartitions(), settings.replication());
        }
        SendAccount account = InventoryWriter.write(csv.rows(), client, target);
        err.printf("inventory load: %s: %d virtual servers written to %s (%d acknowledged), %d bad rows skipped%n",
                name(), account.sent(), target, account.acknowledged(), badRows);
        err.flush();
        return exitCode(badRows, headerBad);
    }

    private int exitCode(long badRows, boolean headerBad) {
        return (badRows > 0 || headerBad) && !skipBad ? 1 : 0;
    }

    /** The inventory must be compacted: a broker's auto-creation would make it a plain topic. */
    private static void createIfMissing(Map<String, Object> client, String name, int partitions,
            Optional<Short> replication) throws InterruptedException {
        try (Admin admin = Admin.create(client)) {
            if (admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(name)) {
                return;
            }
            NewTopic topic = new NewTopic(name, Optional.of(partitions), replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + client.get("bootstrap.servers")
                    + " within " + ADMIN_TIMEOUT_MS / 1000 + " s", e);
        }
    }

    private String name() {
        return "-".equals(input) ? "standard input" : input;
    }
}
