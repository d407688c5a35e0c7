package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.TlswatchConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedStateMemoryTest {

    @Test
    void everyStoreOfTheProcessSharesOneBudget() {
        RocksDB.loadLibrary();
        Map<String, Object> configs = Map.of(BoundedStateMemory.BYTES_CONFIG, Long.toString(64L << 20));
        try (Options a = new Options(); Options b = new Options()) {
            a.setTableFormatConfig(new BlockBasedTableConfig());
            b.setTableFormatConfig(new BlockBasedTableConfig());
            BoundedStateMemory setter = new BoundedStateMemory();
            setter.setConfig("pending-lines", a, configs);
            setter.setConfig("vip-rates", b, configs);

            assertThat(a.writeBufferSize()).isEqualTo(4L << 20);
            assertThat(a.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(((BlockBasedTableConfig) a.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            assertThat(((BlockBasedTableConfig) b.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            setter.close("pending-lines", a);
            setter.close("vip-rates", b);
        }
    }

    @Test
    void theBudgetComesFromStateMemoryMb() {
        Properties p = StreamsSettings.from(TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "b:9092",
                "state.memory.mb", "32")));
        assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedStateMemory.class);
        assertThat(p.get(BoundedStateMemory.BYTES_CONFIG)).isEqualTo(Long.toString(32L << 20));

        // a user's own setter wins: every kafka.* setting is passed on last
        Properties own = StreamsSettings.from(TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "b:9092",
                "kafka.rocksdb.config.setter", "com.example.MySetter")));
        assertThat(own.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo("com.example.MySetter");

        assertThatThrownBy(() -> StreamsSettings.from(TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "b:9092",
                "state.memory.mb", "0")))).hasMessageContaining("state.memory.mb");
    }
}
