package io.tlswatch.app.inventory;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Where an inventory command writes: the topic and the Kafka client settings ({@link io.tlswatch.app.KafkaTargetOptions}). */
record InventoryTarget(String topic, Map<String, Object> client) {
    private static final int ADMIN_TIMEOUT_MS = 30_000;

    /** Whether the topic exists; asked before writing where a broker's auto-creation would make a plain topic. */
    boolean topicExists() throws InterruptedException {
        try (Admin admin = Admin.create(client)) {
            return admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + client.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + client.get("bootstrap.servers")
                    + " within " + ADMIN_TIMEOUT_MS / 1000 + " s", e);
        }
    }
}
