package io.tlswatch.processors.rates;

/** What failures are counted by: one BIG-IP, one VIP, one error class. */
public record RateKey(String observer, String vip, String errorClass) {

    /** {@code observer/vip/class}: the key on {@code tlswatch.rates}. */
    public String text() {
        return observer + "/" + vip + "/" + errorClass;
    }

    /** The stable alert dedup key of DESIGN §9. */
    public String dedupKey() {
        return "tlswatch/" + text();
    }
}
