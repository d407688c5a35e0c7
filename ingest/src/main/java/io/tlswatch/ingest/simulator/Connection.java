package io.tlswatch.ingest.simulator;

/** One client's TCP connection to a VIP, as the SSL messages print it. */
record Connection(String client, int clientPort, String vip, int vipPort) {

    /** {@code <c>:<cp> -> <v>:<vp>}, the form of {@code 01260013} and the newer {@code 01260009}. */
    String arrow() {
        return client + ":" + clientPort + " -> " + vip + ":" + vipPort;
    }

    /** {@code <c>.<cp>:<v>.<vp>}, the dot-port form of {@code 01260026}. */
    String dotted() {
        return client + "." + clientPort + ":" + vip + "." + vipPort;
    }

    /** The same client retrying from the next ephemeral port, as clients do after a refused handshake. */
    Connection retry() {
        return new Connection(client, clientPort + 1, vip, vipPort);
    }
}
