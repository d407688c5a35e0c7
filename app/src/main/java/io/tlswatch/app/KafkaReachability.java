package io.tlswatch.app;

import io.tlswatch.processors.TlswatchConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the cluster once whether it answers, before a command creates its clients, so that a wrong address is one
 * clear line within {@code startup.timeout} rather than endless retries. The check's client id
 * ({@value #CLIENT_ID}) lets the logging configuration ({@code log4j2.xml}) drop the Kafka client's per-attempt
 * connection warnings of this check only.
 */
public final class KafkaReachability {
    /** The client id of the check; its connection warnings are filtered out in {@code log4j2.xml}. */
    public static final String CLIENT_ID = "tlswatch-reachability";

    private KafkaReachability() {}

    /**
     * @param client  Kafka client settings ({@code bootstrap.servers}, security); other keys are ignored
     * @return null when the cluster answered within {@code timeout}; otherwise one line saying why not, naming the
     *         address tried
     */
    public static String check(Map<String, Object> client, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        Object address = client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        String noAnswer = "no answer from Kafka at " + address + " within " + seconds(timeout) + " ("
                + TlswatchConfig.STARTUP_TIMEOUT + ")";
        Admin admin;
        try {
            admin = Admin.create(settings);
        } catch (RuntimeException e) {
            return "cannot reach Kafka at " + address + ": " + rootMessage(e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .clusterId().get(ms + 1_000L, TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return noAnswer;
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    ? noAnswer : "Kafka at " + address + " did not accept tlswatch: " + rootMessage(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reaching Kafka at " + address;
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** {@link #check} with the command's settings: {@code startup.timeout} (default 30s). */
    public static String check(Map<String, Object> client, TlswatchConfig settings) {
        return check(client, settings.startupTimeout());
    }

    /** A timeout as messages write it: {@code 30 s}, or {@code 1500 ms} when not whole seconds. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
