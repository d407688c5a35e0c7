package io.tlswatch.app.pcap;

import io.tlswatch.ingest.pcap.CaptureSettings;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --quic-port} option of the commands that read captures: ports 1-65535, or 0 alone for none. */
public final class QuicPorts {
    private QuicPorts() {}

    /** The ports given, the default (443) when none were, or none for {@code 0}. */
    public static Set<Integer> of(List<Integer> given, CommandSpec spec) {
        if (given == null || given.isEmpty()) {
            return CaptureSettings.DEFAULT_QUIC_PORTS;
        }
        if (given.equals(List.of(0))) {
            return Set.of();
        }
        Set<Integer> ports = new TreeSet<>();
        for (int p : given) {
            if (p < 1 || p > 65535) {
                throw new ParameterException(spec.commandLine(),
                        "--quic-port must be within 1..65535 (or 0 alone for none), got " + p);
            }
            ports.add(p);
        }
        return ports;
    }
}
