package io.tlswatch.app;

import io.tlswatch.processors.TlswatchConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
    /**
     * The shortest: near the deadline the wait is cut to what is left, but never below this, so that a refusal (a
     * round trip) still arrives in time and is not taken for a silence.
     */
    private static final Duration CONNECT_CHECK_FLOOR = Duration.ofMillis(250);
    /** Between two rounds of the quick check while every address refuses. */
    private static final Duration RETRY = Duration.ofMillis(500);

    private KafkaReachability() {}

    /**
     * @param client  Kafka client settings ({@code bootstrap.servers}, security); other keys are ignored
     * @return null when the cluster answered within {@code timeout}; otherwise one line saying why not, naming the
     *         address tried
     */
    public static String check(Map<String, Object> client, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object address = client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try {
            String refused = waitForListener(address, timeout, deadline, line -> System.err.println("tlswatch: " + line));
            if (refused != null) {
                return refused;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reaching Kafka at " + address;
        }
        Map<String, Object> settings = new HashMap<>(client);
        settings.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        // what the wait for a listener left of the one deadline
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
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

    /**
     * A typo in the address is the commonest failure, and the Kafka client retries a refused connection in silence
     * until the timeout. So: try a plain TCP connection to each bootstrap address first. When one connects, or
     * stays silent, or a name does not resolve, the Kafka client takes over (it knows security and names). While
     * every address refuses (or has no route), say so at once through {@code notice}, then keep trying until the
     * deadline: a broker that is still starting gets the whole {@code startup.timeout}.
     *
     * @return the line to print when every address still refused at the deadline, else null
     */
    static String waitForListener(Object bootstrap, Duration timeout, long deadlineNanos, Consumer<String> notice)
            throws InterruptedException {
        if (bootstrap == null) {
            return null;
        }
        List<InetSocketAddress> targets = new ArrayList<>();
        for (String entry : bootstrap.toString().split(",")) {
            String address = entry.strip();
            String host = Utils.getHost(address);
            Integer port = Utils.getPort(address);
            if (host == null || port == null || port > 65535) {
                return null; // not host:port, or no such port: the client's own message says what is wrong
            }
            targets.add(InetSocketAddress.createUnresolved(host, port));
        }
        String addresses = bootstrap.toString().replace(" ", "");
        String refused = "nothing listens at " + addresses + " (connection refused) within " + seconds(timeout) + " ("
                + TlswatchConfig.STARTUP_TIMEOUT + "): is kafka.bootstrap.servers right?";
        for (boolean first = true; ; first = false) {
            if (!everyAddressRefuses(targets, deadlineNanos)) {
                return null;
            }
            if (first) {
                notice.accept("nothing listens at " + addresses + " yet (connection refused); waiting up to "
                        + seconds(timeout) + " (" + TlswatchConfig.STARTUP_TIMEOUT + ")");
            }
            long leftMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return refused;
            }
            Thread.sleep(Math.min(leftMs, RETRY.toMillis()));
            if (System.nanoTime() >= deadlineNanos) {
                return refused; // no last try at the deadline: what answers then would get no time to say who it is
            }
        }
    }

    /**
     * True when no address of any target takes a connection at once; false on a connection or a silence. Each
     * connection waits {@link #CONNECT_CHECK} at most, and no longer than the deadline leaves (but at least
     * {@link #CONNECT_CHECK_FLOOR}), so that a silent address does not hold a short {@code startup.timeout} up.
     */
    private static boolean everyAddressRefuses(List<InetSocketAddress> targets, long deadlineNanos) {
        for (InetSocketAddress target : targets) {
            InetAddress[] ips;
            try {
                ips = InetAddress.getAllByName(target.getHostString());
            } catch (UnknownHostException e) {
                return false; // the client's message names it
            }
            for (InetAddress ip : ips) {
                try (Socket socket = new Socket()) {
                    long leftMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
                    long waitMs = Math.max(CONNECT_CHECK_FLOOR.toMillis(), Math.min(CONNECT_CHECK.toMillis(), leftMs));
                    socket.connect(new InetSocketAddress(ip, target.getPort()), (int) waitMs);
                    return false; // something listens: ask it as Kafka
                } catch (SocketTimeoutException e) {
                    return false; // a silence (a firewall that drops): the client's wait and message apply
                } catch (IOException e) {
                    // refused, no route, an address family this host lacks: try the next address
                }
            }
        }
        return true;
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
