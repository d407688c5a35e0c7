package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.TlsBytes.HANDSHAKE;
import static io.tlswatch.processors.decode.wire.TlsBytes.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Builder → decoder round trips, splits, prefixes, corrupted lengths, and arbitrary bytes. */
class WireDecoderProperties {
    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();

    /** What a generated ClientHello holds; null lists mean "extension absent". */
    record Spec(int legacyVersion, int sessionIdLength, int[] ciphers, int[] compression, String sni, List<String> alpn,
            int[] groups, int[] sigAlgs, int[] versions, int[] keyShares, int[] pointFormats, List<Integer> others) {

        TlsBytes.Client client() {
            TlsBytes.Client c = new TlsBytes.Client().ciphers(ciphers);
            c.legacyVersion = legacyVersion;
            c.sessionIdLength = sessionIdLength;
            c.compression = compression;
            if (sni != null) {
                c.ext(0x0000, TlsBytes.sni(sni));
            }
            if (alpn != null) {
                c.ext(0x0010, TlsBytes.alpn(alpn.toArray(String[]::new)));
            }
            if (groups != null) {
                c.ext(0x000a, TlsBytes.u16List(groups));
            }
            if (sigAlgs != null) {
                c.ext(0x000d, TlsBytes.u16List(sigAlgs));
            }
            if (versions != null) {
                c.ext(0x002b, TlsBytes.versions(versions));
            }
            if (keyShares != null) {
                c.ext(0x0033, TlsBytes.keyShares(keyShares));
            }
            if (pointFormats != null) {
                c.ext(0x000b, TlsBytes.pointFormats(pointFormats));
            }
            for (int type : others) {
                c.ext(type, new byte[type % 7]);
            }
            return c;
        }

        byte[] message() {
            return client().message();
        }
    }

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<int[]> u16s = Arbitraries.integers().between(0, 0xffff).array(int[].class).ofMaxSize(30);
        Arbitrary<int[]> someU16s = Arbitraries.integers().between(0, 0xffff).array(int[].class).ofMinSize(1).ofMaxSize(20);
        Arbitrary<String> host = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> protocol = Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMinLength(1).ofMaxLength(12);
        Arbitrary<List<Integer>> others = Arbitraries.of(0x0005, 0x0012, 0x0015, 0x0017, 0x001b, 0x0023, 0x002d, 0x4469, 0xff01,
                0x0a0a, 0x1a1a, 0xfafa, 0x7777).list().uniqueElements().ofMaxSize(6);
        return Builders.withBuilder(() -> new Object[12])
                .use(Arbitraries.of(0x0300, 0x0301, 0x0302, 0x0303)).in((b, v) -> set(b, 0, v))
                .use(Arbitraries.integers().between(0, 32)).in((b, v) -> set(b, 1, v))
                .use(u16s).in((b, v) -> set(b, 2, v))
                .use(Arbitraries.integers().between(0, 255).array(int[].class).ofMinSize(1).ofMaxSize(3)).in((b, v) -> set(b, 3, v))
                .use(host.injectNull(0.3)).in((b, v) -> set(b, 4, v))
                .use(protocol.list().ofMinSize(1).ofMaxSize(4).injectNull(0.3)).in((b, v) -> set(b, 5, v))
                .use(someU16s.injectNull(0.3)).in((b, v) -> set(b, 6, v))
                .use(someU16s.injectNull(0.3)).in((b, v) -> set(b, 7, v))
                .use(someU16s.injectNull(0.3)).in((b, v) -> set(b, 8, v))
                .use(Arbitraries.integers().between(0, 0xffff).array(int[].class).ofMaxSize(4).injectNull(0.3)).in((b, v) -> set(b, 9, v))
                .use(Arbitraries.integers().between(0, 255).array(int[].class).ofMinSize(1).ofMaxSize(3).injectNull(0.3)).in((b, v) -> set(b, 10, v))
                .use(others).in((b, v) -> set(b, 11, v))
                .build(b -> new Spec((Integer) b[0], (Integer) b[1], (int[]) b[2], (int[]) b[3], (String) b[4], cast(b[5]),
                        (int[]) b[6], (int[]) b[7], (int[]) b[8], (int[]) b[9], (int[]) b[10], cast(b[11])));
    }

    private static Object[] set(Object[] b, int i, Object v) {
        b[i] = v;
        return b;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object o) {
        return (List<T>) o;
    }

    private static int[] orEmpty(int[] a) {
        return a == null ? new int[0] : a;
    }

    private ClientHello decodeHello(byte[] head) {
        WireDecodeResult r = decoder.decode(head);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        HandshakeFacts f = ((WireDecodeResult.Decoded) r).facts();
        assertThat(f.tailError()).isNull();
        assertThat(f.truncated()).isFalse();
        assertThat(f.clientHellos()).hasSize(1);
        return f.clientHello();
    }

    @Property(tries = 300)
    void builderThenDecoderRoundTrip(@ForAll("specs") Spec spec) {
        ClientHello ch = decodeHello(record(HANDSHAKE, spec.message()));
        assertThat(ch.legacyVersion()).isEqualTo(spec.legacyVersion());
        assertThat(ch.sessionIdLength()).isEqualTo(spec.sessionIdLength());
        assertThat(ch.cipherSuites()).containsExactly(spec.ciphers());
        assertThat(ch.compressionMethods()).containsExactly(spec.compression());
        assertThat(ch.extensions()).containsExactly(spec.client().extensions.stream().mapToInt(TlsBytes.Ext::type).toArray());
        assertThat(ch.serverName()).isEqualTo(spec.sni());
        assertThat(ch.alpn()).isEqualTo(spec.alpn() == null ? List.of() : spec.alpn());
        assertThat(ch.supportedGroups()).containsExactly(orEmpty(spec.groups()));
        assertThat(ch.signatureAlgorithms()).containsExactly(orEmpty(spec.sigAlgs()));
        assertThat(ch.supportedVersions()).containsExactly(orEmpty(spec.versions()));
        assertThat(ch.keyShareGroups()).containsExactly(orEmpty(spec.keyShares()));
        assertThat(ch.ecPointFormats()).containsExactly(orEmpty(spec.pointFormats()));
        assertThat(fingerprints.ja3(ch)).hasSize(32);
        assertThat(fingerprints.ja4(ch)).matches("t[0-9a-z]{2}[di]\\d{4}[0-9A-Za-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
    }

    private final Fingerprints tinyCache = new Fingerprints(2);
    private final Fingerprints uncached = new Fingerprints(0);

    /** The memo caches never change a fingerprint, even when entries collide and are replaced (2 entries). */
    @Property(tries = 500)
    void cachedFingerprintsEqualComputedOnes(@ForAll("specs") Spec spec, @ForAll boolean quic) {
        ClientHello ch = decodeHello(record(HANDSHAKE, spec.message()));
        assertThat(tinyCache.ja3(ch)).isEqualTo(uncached.ja3(ch));
        assertThat(tinyCache.ja4(ch, quic)).isEqualTo(uncached.ja4(ch, quic));
        assertThat(tinyCache.ja3(ch)).isEqualTo(uncached.ja3(ch));
        assertThat(tinyCache.ja4(ch, quic)).isEqualTo(uncached.ja4(ch, quic));
    }

    /** The byte-level JA3 / JA4_r builders equal a naive String reference (DESIGN §6) on any hello. */
    @Property(tries = 500)
    void fingerprintTextEqualsNaiveReference(@ForAll("specs") Spec spec) {
        ClientHello ch = decodeHello(record(HANDSHAKE, spec.message()));
        String ja3 = ch.legacyVersion() + "," + decimals(ch.cipherSuites()) + "," + decimals(ch.extensions()) + ","
                + decimals(ch.supportedGroups()) + "," + decimals(ch.ecPointFormats());
        assertThat(uncached.ja3String(ch)).isEqualTo(ja3);
        String sigs = hex(java.util.Arrays.stream(ch.signatureAlgorithms()).filter(v -> !TlsValues.isGrease(v)));
        String c = hex(java.util.Arrays.stream(ch.extensions())
                .filter(v -> !TlsValues.isGrease(v) && v != TlsValues.EXT_SERVER_NAME && v != TlsValues.EXT_ALPN).sorted());
        String ja4r = uncached.ja4r(ch, false);
        assertThat(ja4r.substring(ja4r.indexOf('_') + 1)).isEqualTo(
                hex(java.util.Arrays.stream(ch.cipherSuites()).filter(v -> !TlsValues.isGrease(v)).sorted())
                        + "_" + c + (sigs.isEmpty() ? "" : "_" + sigs));
    }

    private static String decimals(int[] values) {
        return java.util.Arrays.stream(values).filter(v -> !TlsValues.isGrease(v)).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("-"));
    }

    private static String hex(java.util.stream.IntStream values) {
        return values.mapToObj(v -> String.format("%04x", v)).collect(java.util.stream.Collectors.joining(","));
    }

    @Property(tries = 100)
    void everyProperPrefixIsIncomplete(@ForAll("specs") Spec spec, @ForAll @IntRange(min = 1, max = 600) int cut) {
        byte[] head = TlsBytes.records(HANDSHAKE, spec.message(), cut);
        for (int n = 0; n < head.length; n++) {
            assertThat(decoder.decode(head, 0, n)).as("prefix %d of %d", n, head.length)
                    .isInstanceOf(WireDecodeResult.Incomplete.class);
        }
    }

    @Property(tries = 200)
    void recordsSplitAnywhereDecodeTheSame(@ForAll("specs") Spec spec,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 300) Integer> cuts) {
        byte[] message = spec.message();
        ClientHello whole = decodeHello(record(HANDSHAKE, message));
        ClientHello split = decodeHello(TlsBytes.records(HANDSHAKE, message, cuts.stream().mapToInt(Integer::intValue).toArray()));
        assertThat(split).usingRecursiveComparison().ignoringFields("offset").isEqualTo(whole);
        assertThat(fingerprints.ja4(split)).isEqualTo(fingerprints.ja4(whole));
    }

    @Property(tries = 200)
    void corruptedExtensionsLengthIsMalformed(@ForAll("specs") Spec spec, @ForAll @IntRange(min = 1, max = 300) int delta,
            @ForAll boolean shorter) {
        byte[] head = record(HANDSHAKE, spec.message());
        int at = extensionsLengthOffset(head);
        int length = ((head[at] & 0xff) << 8) | (head[at + 1] & 0xff);
        int bad = shorter ? Math.max(0, length - delta) : length + delta;
        if (bad == length || bad > 0xffff) {
            return;
        }
        head[at] = (byte) (bad >> 8);
        head[at + 1] = (byte) bad;
        assertThat(decoder.decode(head)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.HELLO_VECTOR, at));
    }

    @Property(tries = 200)
    void longerMessageIsIncompleteLongerRecordIsTruncated(@ForAll("specs") Spec spec, @ForAll @IntRange(min = 1, max = 1000) int more,
            @ForAll boolean inRecord) {
        byte[] head = record(HANDSHAKE, spec.message());
        if (inRecord) {
            int length = ((head[3] & 0xff) << 8 | (head[4] & 0xff)) + more;
            head[3] = (byte) (length >> 8);
            head[4] = (byte) length;
        } else {
            int length = ((head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | (head[8] & 0xff)) + more;
            head[6] = (byte) (length >> 16);
            head[7] = (byte) (length >> 8);
            head[8] = (byte) length;
        }
        WireDecodeResult r = decoder.decode(head);
        if (inRecord) {
            // the hello is whole inside the shorter-than-announced record: decoded, marked truncated
            assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
            assertThat(((WireDecodeResult.Decoded) r).facts().truncated()).isTrue();
            assertThat(((WireDecodeResult.Decoded) r).facts().clientHellos()).hasSize(1);
        } else {
            assertThat(r).isInstanceOf(WireDecodeResult.Incomplete.class);
        }
    }

    @Property(tries = 500)
    void mutatedHellosNeverThrow(@ForAll("specs") Spec spec, @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @Size(min = 6, max = 6) byte[] values) {
        byte[] head = record(HANDSHAKE, spec.message());
        for (int i = 0; i < positions.size(); i++) {
            head[positions.get(i) % head.length] = values[i];
        }
        assertSane(head, decoder.decode(head));
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 3000) byte[] bytes) {
        assertSane(bytes, decoder.decode(bytes));
    }

    @Property(tries = 1000)
    void arbitraryRecordsNeverThrow(@ForAll @Size(max = 2000) byte[] body, @ForAll @IntRange(min = 20, max = 24) int type,
            @ForAll @IntRange(min = 0, max = 4) int minor, @ForAll boolean prefixHandshakeHeader) {
        byte[] fragment = body;
        if (prefixHandshakeHeader && body.length > 0) {
            fragment = TlsBytes.concat(new byte[] {body[0] % 2 == 0 ? (byte) 1 : (byte) 2, 0, (byte) (body.length >> 8), (byte) body.length}, body);
        }
        byte[] head = TlsBytes.concat(TlsBytes.record(type, 0x0300 | minor, fragment), body);
        assertSane(head, decoder.decode(head));
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrows(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 127) Integer> chars) {
        StringBuilder sb = new StringBuilder("PROXY ");
        chars.forEach(c -> sb.append((char) c.intValue()));
        byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
        assertSane(head, decoder.decode(head));
    }

    /** Results are well formed: offsets inside the head, positive needs, facts bounded by the input. */
    private static void assertSane(byte[] head, WireDecodeResult r) {
        assertThat(r).isNotNull();
        if (r instanceof WireDecodeResult.Malformed m) {
            assertThat(m.offset()).isBetween(0, head.length);
            assertThat(m.reason()).isNotNull();
        } else if (r instanceof WireDecodeResult.Incomplete i) {
            assertThat(i.needBytes()).isPositive();
        } else if (r instanceof WireDecodeResult.Decoded d) {
            HandshakeFacts f = d.facts();
            assertThat(f.bytesRead()).isBetween(0, head.length);
            assertThat(f.clientHellos().size() + f.serverHellos().size() + f.alerts().size()).isLessThanOrEqualTo(head.length);
            if (f.tailError() != null) {
                assertThat(f.tailErrorOffset()).isBetween(0, head.length);
            }
            Fingerprints fp = new Fingerprints();
            for (ClientHello ch : f.clientHellos()) {
                fp.ja3(ch);
                fp.ja4(ch);
            }
            for (ServerHello sh : f.serverHellos()) {
                fp.ja3s(sh);
            }
        }
    }

    /** Offset of the extensions block length in a one-record ClientHello built by {@link TlsBytes}. */
    private static int extensionsLengthOffset(byte[] head) {
        int q = 5 + 4 + 34;
        q += 1 + (head[q] & 0xff);
        q += 2 + (((head[q] & 0xff) << 8) | (head[q + 1] & 0xff));
        q += 1 + (head[q] & 0xff);
        return q;
    }

}
