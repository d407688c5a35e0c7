package io.tlswatch.app.ingest;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tlswatch ingest ...}: sources that write F5 input into Kafka. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Writes F5 input into Kafka.",
        footer = {"", "Examples:", "  tlswatch ingest syslog --bootstrap-server broker1:9092 --bind 0.0.0.0",
            "  tlswatch ingest file --bootstrap-server broker1:9092 --speed 10x ltm.1.gz ltm",
            "  tlswatch ingest pcap --bootstrap-server broker1:9092 capture.pcapng"},
        subcommands = {IngestSyslogCommand.class, IngestFileCommand.class, IngestPcapCommand.class})
public final class IngestCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // a group without a subcommand: show what it offers, as a usage error
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (syslog, file or pcap)");
    }
}
