package io.tlswatch.app;

import io.tlswatch.processors.TlswatchConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Utils;

/**
 * Asks the cluster once whether it answers, before a command creates its clients, so that a wrong address is one
 * clear line within {@code startup.timeout} rather than endless retries. The check's client id
 * ({@value #CLIENT_ID}) lets the logging configuration ({@code log4j2.xml}) drop the Kafka client's per-attempt
 * connection warnings of this check only.
 */
public final class KafkaReachability {
    /** The client id of the check; its connection warnings are filtered out in {@code log4j2.xml}. */
    public static final String CLIENT_ID = "tlswatch-reachability";
    /** The longest wait for one TCP connection of the quick check. */
    private static final Duration CONNECT_CHECK = Duration.ofSeconds(3);

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
        String refused = refusedEverywhere(address, timeout);
        if (refused != null) {
            return refused;
        }
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

    /**
     * A typo in the address is the commonest failure, and the Kafka client retries a refused connection until the
     * timeout: when every bootstrap address refuses a TCP connection outright, say so at once. Anything else (a
     * connection, a silence, a name that does not resolve) is left to the client, which knows security and names.
     *
     * @return the line to print when every address refused, else null
     */
    static String refusedEverywhere(Object bootstrap, Duration timeout) {
        if (bootstrap == null) {
            return null;
        }
        int connectMs = (int) Math.max(1, Math.min(timeout.toMillis(), CONNECT_CHECK.toMillis()));
        List<String> addresses = new ArrayList<>();
        for (String entry : bootstrap.toString().split(",")) {
            String a = entry.strip();
            String host = Utils.getHost(a);
            Integer port = Utils.getPort(a);
            if (host == null || port == null) {
                return null; // not host:port: the client's own message says what is wrong
            }
            try {
                for (InetAddress ip : InetAddress.getAllByName(host)) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(ip, port), connectMs);
                        return null; // something listens: ask it as Kafka
                    } catch (ConnectException e) {
                        // refused: try the next address
                    } catch (IOException e) {
                        return null; // a silence or a route problem: the client's wait and message apply
                    }
                }
            } catch (UnknownHostException e) {
                return null;
            }
            addresses.add(a);
        }
        return addresses.isEmpty() ? null : "nothing listens at " + String.join(",", addresses)
                + " (connection refused): is kafka.bootstrap.servers right?";
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
