package io.tlswatch.app.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks the cluster once whether it answers, so that a wrong address is one clear line, not endless retries. */
final class KafkaReachability {
    private KafkaReachability() {}

    /** @return null when the cluster answered within {@code timeout}; otherwise why not, naming the address */
    static String check(Map<String, Object> client, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Object address = client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer from Kafka at " + address + " within " + timeout.toSeconds() + " s";
        } catch (ExecutionException e) {
            return "no answer from Kafka at " + address + ": " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reaching Kafka at " + address;
        } catch (RuntimeException e) {
            return "cannot reach Kafka at " + address + ": " + e.getMessage();
        }
    }
}
