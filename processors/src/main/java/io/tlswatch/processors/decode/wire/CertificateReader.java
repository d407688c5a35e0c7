package io.tlswatch.processors.decode.wire;

import io.tlswatch.schemas.ServerCertificate;
import io.tlswatch.schemas.Texts;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the facts of a server's leaf certificate (validity, subject and issuer CN, DNS SANs, SHA-256 of the DER)
 * from bytes that crossed the wire, so from anyone: the DER is length-checked before the JDK's X.509 parser sees
 * it, and anything the parser refuses (or throws on) leaves the certificate out with a counted {@link Result},
 * never an exception. Output is bounded ({@link #MAX_NAMES} names of {@link #MAX_NAME_CHARS} characters).
 *
 * <p>The same certificate reaches us once per connection: the facts are kept per SHA-256 in a small LRU
 * ({@link #CACHE_SIZE}). An instance reuses its digest and cache: <b>not thread-safe</b>.
 */
public final class CertificateReader {
    static final int MAX_NAMES = 100;
    static final int MAX_NAME_CHARS = 256;
    static final int CACHE_SIZE = 256;
    /** subjectAltName GeneralName tag of a dNSName (RFC 5280 §4.2.1.6). */
    private static final int SAN_DNS = 2;

    /** What became of one leaf; {@link #code()} is the metrics label. */
    public enum Result {
        PARSED, EMPTY_LIST, LENGTHS, TOO_LARGE, TRUNCATED, NOT_DER, UNPARSEABLE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final CertificateFactory factory;
    private final MessageDigest sha256 = Fingerprints.digest("SHA-256");
    private final Consumer<Result> counter;
    private final Map<String, ServerCertificate> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ServerCertificate> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public CertificateReader() {
        this(r -> { });
    }

    /** @param counter told the result of every leaf read (a metrics counter) */
    public CertificateReader(Consumer<Result> counter) {
        this.counter = counter;
        try {
            this.factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    /**
     * The facts of {@code leaf}, or null (the reason counted) when it was cut, lied about a length or is no
     * certificate.
     */
    public ServerCertificate read(LeafCertificate leaf) {
        if (leaf == null) {
            return null;
        }
        if (leaf.der() == null) {
            counter.accept(switch (leaf.problem()) {
                case "empty_list" -> Result.EMPTY_LIST;
                case "too_large" -> Result.TOO_LARGE;
                case "truncated" -> Result.TRUNCATED;
                default -> Result.LENGTHS;
            });
            return null;
        }
        Result shape = derShape(leaf.der());
        if (shape != Result.PARSED) {
            counter.accept(shape);
            return null;
        }
        String hash = HexFormat.of().withUpperCase().formatHex(sha256.digest(leaf.der()));
        ServerCertificate known = cache.get(hash);
        if (known != null) {
            counter.accept(Result.PARSED);
            return known;
        }
        ServerCertificate facts = parse(leaf.der(), hash);
        counter.accept(facts == null ? Result.UNPARSEABLE : Result.PARSED);
        if (facts != null) {
            cache.put(hash, facts);
        }
        return facts;
    }

    /**
     * Whether {@code der} is one DER SEQUENCE whose own definite length covers exactly the bytes given (X.690
     * §8.1.3): the JDK would also accept PEM text, trailing bytes or an indefinite length; none is a leaf.
     */
    static Result derShape(byte[] der) {
        if (der.length < 2 || (der[0] & 0xff) != 0x30) {
            return Result.NOT_DER;
        }
        int first = der[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 3 || der.length < 2 + n) {
                return n == 0 ? Result.NOT_DER : Result.LENGTHS;
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (der[2 + i] & 0xff);
            }
            header = 2 + n;
        }
        return header + length == der.length ? Result.PARSED : Result.LENGTHS;
    }

    private ServerCertificate parse(byte[] der, String hash) {
        try {
            if (!(factory.generateCertificate(new ByteArrayInputStream(der)) instanceof X509Certificate x)) {
                return null;
            }
            return new ServerCertificate(x.getNotBefore().toInstant().toString(),
                    x.getNotAfter().toInstant().toString(),
                    commonNames(x.getSubjectX500Principal()), commonNames(x.getIssuerX500Principal()),
                    dnsNames(x), hash);
        } catch (CertificateException | RuntimeException e) {
            // hostile or broken DER: the JDK throws checked and unchecked exceptions alike
            return null;
        }
    }

    /** The CN values of a name, in the order LdapName gives its RDNs (most significant first). */
    static List<String> commonNames(X500Principal name) {
        List<String> out = new ArrayList<>(1);
        try {
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253)).getRdns();
            for (Rdn rdn : rdns) {
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String cn
                        && out.size() < MAX_NAMES) {
                    out.add(Texts.cut(cn, MAX_NAME_CHARS));
                }
            }
        } catch (InvalidNameException | RuntimeException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    private static List<String> dnsNames(X509Certificate x) throws CertificateException {
        Collection<List<?>> sans = x.getSubjectAlternativeNames();
        if (sans == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (List<?> san : sans) {
            if (out.size() >= MAX_NAMES) {
                break;
            }
            if (san.size() >= 2 && san.get(0) instanceof Integer tag && tag == SAN_DNS
                    && san.get(1) instanceof String dns) {
                out.add(Texts.cut(dns, MAX_NAME_CHARS));
            }
        }
        return List.copyOf(out);
    }
}
