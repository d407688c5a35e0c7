package io.tlswatch.processors.scanners;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.WireFacts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Whether an outcome's client looks like a scanner (DESIGN §7), and why, in this order: a JA3 or JA4 on the
 * configured list; an SSLv2 hello; failures on at least {@code scanners.min.vips} distinct VIPs within
 * {@code scanners.window} (the failure that crosses the line and every later failure inside the window). The memory
 * of each client is kept by the caller: a state store live, a map in an analysis.
 *
 * <p>A success or an unknown outcome is judged by the lists and the hello only: the fan-out rule is about failures
 * (a success says nothing to the rates either way), and so only failures need the client's memory — which keeps
 * the handshakes that succeed, nearly all of them, off the repartition by client ({@link #needsMemory}).
 */
public final class ScannerCheck {
    /** Where each client's recent failures are kept. */
    public interface Memory {
        SourceActivity get(String clientIp);

        void put(String clientIp, SourceActivity activity);

        static Memory of(java.util.function.Function<String, SourceActivity> get,
                java.util.function.BiConsumer<String, SourceActivity> put) {
            return new Memory() {
                @Override
                public SourceActivity get(String clientIp) {
                    return get.apply(clientIp);
                }

                @Override
                public void put(String clientIp, SourceActivity activity) {
                    put.accept(clientIp, activity);
                }
            };
        }
    }

    /** Classes of a client that validated the server's certificate and refused it. */
    private static final java.util.Set<String> CLIENT_CHECKED_CERTIFICATE = java.util.Set.of(
            ErrorClass.CERT_UNTRUSTED.wireName(), ErrorClass.CERT_EXPIRED.wireName(), ErrorClass.CERT_BAD.wireName(),
            ErrorClass.CERT_REVOKED.wireName());

    private final ScannerRules rules;

    public ScannerCheck(ScannerRules rules) {
        this.rules = rules;
    }

    /** Why the client of {@code o} looks like a scanner, or null; records the failure in {@code memory}. */
    public String why(HandshakeOutcome o, long timeMs, Memory memory) {
        String why = listed(o.wire());
        if (why == null && ErrorClass.SSLV2_HELLO.wireName().equals(o.errorClass())) {
            why = "sent an SSLv2 hello";
        }
        if (o.clientIp() != null && needsMemory(o)) {
            String fanOut = fanOut(o, timeMs, memory);
            why = why != null ? why : fanOut;
        }
        return why;
    }

    /** Whether judging {@code o} reads or changes its client's memory: failures only. */
    public static boolean needsMemory(HandshakeOutcome o) {
        return "failure".equals(o.outcome());
    }

    private String listed(WireFacts w) {
        if (w == null) {
            return null;
        }
        if (w.ja4() != null && rules.ja4().contains(w.ja4().toLowerCase(Locale.ROOT))) {
            return "JA4 " + w.ja4() + " is on the scanner list";
        }
        if (w.ja3() != null && rules.ja3().contains(w.ja3().toLowerCase(Locale.ROOT))) {
            return "JA3 " + w.ja3() + " is on the scanner list";
        }
        return null;
    }

    /**
     * Records a failure of this client; says so when it has now failed on enough distinct VIPs. A client that
     * refused a certificate checks certificates, which scanners do not: those failures are no sign of one
     * (clients behind one NAT address, during a CA bundle storm over many VIPs, must still page).
     */
    private String fanOut(HandshakeOutcome o, long timeMs, Memory memory) {
        long windowMs = rules.window().toMillis();
        SourceActivity activity = memory.get(o.clientIp());
        if (!CLIENT_CHECKED_CERTIFICATE.contains(o.errorClass())) {
            activity = (activity == null ? new SourceActivity(List.of()) : activity).with(o.vip(), timeMs, windowMs);
            memory.put(o.clientIp(), activity);
        }
        int vips = activity == null ? 0 : activity.vipsWithin(timeMs, windowMs);
        return vips >= rules.minVips() ? "failed on " + vips + " VIPs within " + human(rules.window()) : null;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
