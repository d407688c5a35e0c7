package io.tlswatch.ingest.pcap;

/** Which way a flight travels; {@link #wireName()} is the {@code direction} value of {@code f5.packets}. */
public enum Direction {
    CLIENT_TO_SERVER("client_to_server"),
    SERVER_TO_CLIENT("server_to_client");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
