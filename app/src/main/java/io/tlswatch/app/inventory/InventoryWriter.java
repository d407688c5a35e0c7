package io.tlswatch.app.inventory;

import io.tlswatch.ingest.inventory.VipCsv;
import io.tlswatch.ingest.kafka.SendAccount;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.processors.inventory.InventoryKeys;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.VirtualServer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes the virtual servers of a CSV to the inventory topic, keyed as the pipeline looks them up. */
public final class InventoryWriter {
    private InventoryWriter() {}

    /**
     * Sends every row durably and waits for the acknowledgements.
     *
     * @return the account of what was sent and acknowledged
     * @throws org.apache.kafka.common.KafkaException when a row could not be written
     */
    public static SendAccount write(List<VipCsv.Row> rows, Map<String, Object> client, String topic) {
        SendAccount account = new SendAccount(topic, "virtual servers");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                LogLineProducer.producerConfig(client), new StringSerializer(), new StringSerializer())) {
            for (VipCsv.Row row : rows) {
                VirtualServer vs = row.virtualServer();
                producer.send(new ProducerRecord<>(topic, InventoryKeys.of(vs), Json.write(vs)), account.sending());
            }
            producer.flush();
        }
        account.reportFailures();
        return account;
    }

    /**
     * Sends a tombstone (a null value) for every key durably and waits for the acknowledgements.
     *
     * @return the account of what was sent and acknowledged
     * @throws org.apache.kafka.common.KafkaException when a tombstone could not be written
     */
    public static SendAccount tombstones(List<String> keys, Map<String, Object> client, String topic) {
        SendAccount account = new SendAccount(topic, "tombstones");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                LogLineProducer.producerConfig(client), new StringSerializer(), new StringSerializer())) {
            for (String key : keys) {
                producer.send(new ProducerRecord<>(topic, key, null), account.sending());
            }
            producer.flush();
        }
        account.reportFailures();
        return account;
    }
}
