package io.tlswatch.processors.classify;


/**
 * Maps F5 evidence (the reason text of 01260009, an alert number and who sent it) to an {@link ErrorClass}.
 * The reason text wins over the alert number: F5 sends alert 40 for several different reasons.
 */
public final class Classifier {
    private Classifier() {}

    /** The class that an F5 reason text names, or null when the text is not one we recognise. */
    public static ErrorClass fromReason(String reason) {
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        if (containsIgnoreCase(reason, "not ssl")) {
            return ErrorClass.NOT_TLS;
        }
        if (containsIgnoreCase(reason, "no shared cipher")) {
            return ErrorClass.NO_SHARED_CIPHER;
        }
        if (containsIgnoreCase(reason, "tls_fallback_scsv")) {
            return ErrorClass.INAPPROPRIATE_FALLBACK;
        }
        if (containsIgnoreCase(reason, "unsupported version") || containsIgnoreCase(reason, "unsupported protocol")) {
            return ErrorClass.PROTOCOL_VERSION;
        }
        return null;
    }

    /**
     * Case-insensitive {@code contains} for a lower-case ASCII needle, without a lower-cased copy: a cheap
     * test of the first character before comparing the rest.
     */
    private static boolean containsIgnoreCase(String text, String needle) {
        char first = needle.charAt(0);
        for (int i = 0; i + needle.length() <= text.length(); i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The class an alert implies. {@code received} alerts come from the peer (the client on a client-side
     * VIP), so a certificate alert received means the client refused our certificate; a certificate alert
     * sent by the BIG-IP refuses the client's certificate (mTLS).
     */
    public static ErrorClass fromAlert(int code, boolean received) {
        return switch (code) {
            case 70 -> ErrorClass.PROTOCOL_VERSION;
            case 71 -> ErrorClass.NO_SHARED_CIPHER;
            case 86 -> ErrorClass.INAPPROPRIATE_FALLBACK;
            case 48 -> received ? ErrorClass.CERT_UNTRUSTED : ErrorClass.CLIENT_CERT_REJECTED;
            case 45 -> received ? ErrorClass.CERT_EXPIRED : ErrorClass.CLIENT_CERT_REJECTED;
            case 42, 43, 46 -> received ? ErrorClass.CERT_BAD : ErrorClass.CLIENT_CERT_REJECTED;
            case 44 -> received ? ErrorClass.CERT_REVOKED : ErrorClass.CLIENT_CERT_REJECTED;
            case 112 -> ErrorClass.SNI_UNRECOGNIZED;
            case 120 -> ErrorClass.NO_APPLICATION_PROTOCOL;
            case 116 -> ErrorClass.CLIENT_CERT_REQUIRED;
            case 50, 51 -> ErrorClass.DECODE_ERROR;
            case 80 -> ErrorClass.INTERNAL_ERROR;
            default -> ErrorClass.OTHER_ALERT;
        };
    }

    /** Reason first, then the alert, else {@link ErrorClass#UNCLASSIFIED}. */
    public static ErrorClass classify(String reason, Integer alertCode, Boolean alertReceived) {
        ErrorClass byReason = fromReason(reason);
        if (byReason != null) {
            return byReason;
        }
        if (alertCode != null) {
            return fromAlert(alertCode, Boolean.TRUE.equals(alertReceived));
        }
        return ErrorClass.UNCLASSIFIED;
    }
}
