package io.tlswatch.ingest.pcap;

import io.tlswatch.schemas.IpText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every entry of a flow table has, whatever its transport: its key, its two endpoints as the packet that
 * opened it had them (side {@code a} is that packet's sender), when it was last active, and the flights held until
 * it leaves the table ({@link BoundedFlows}).
 */
abstract class Flow {
    final FlowKey key;
    final byte[] addressA;
    final byte[] addressB;
    final int addressLength;
    final int portA;
    final int portB;
    /** Capture time of the latest packet: the table keeps flows least recently active first. */
    long lastUs;
    /** 1 for the first flow of this four-tuple in the capture, then 2, 3... (see {@link FlightSummary}). */
    int generation = 1;
    /** The flights summarised so far, kept only when the reader hands out whole connections. */
    List<FlightSummary> flights;
    /** Head bytes held by {@link #flights}. */
    int retainedBytes;
    private String textA;
    private String textB;

    Flow(FlowKey key, byte[] source, byte[] destination, int addressLength, int sourcePort, int destinationPort) {
        this.key = key;
        this.addressA = Arrays.copyOf(source, addressLength);
        this.addressB = Arrays.copyOf(destination, addressLength);
        this.addressLength = addressLength;
        this.portA = sourcePort;
        this.portB = destinationPort;
    }

    /** Whether a packet with this source travels a→b. */
    final boolean fromA(byte[] source, int sourcePort) {
        if (sourcePort != portA) {
            return false;
        }
        // on equal ports only the address tells the directions apart
        return portA != portB || Arrays.equals(source, 0, addressLength, addressA, 0, addressLength);
    }

    final String textA() {
        if (textA == null) {
            textA = IpText.format(addressA, 0, addressLength);
        }
        return textA;
    }

    final String textB() {
        if (textB == null) {
            textB = IpText.format(addressB, 0, addressLength);
        }
        return textB;
    }

    /** Holds a flight until the flow leaves the table; its head counts in the buffer budget meanwhile. */
    final void retain(FlightSummary summary) {
        if (flights == null) {
            flights = new ArrayList<>(4);
        }
        flights.add(summary);
        retainedBytes += summary.head().length;
    }

    /** Bytes this flow holds now (buffers and retained flights), for the buffer budget. */
    abstract int capacity();
}
