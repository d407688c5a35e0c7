/**
 * Scanner tagging (DESIGN §7): clients that fail on many VIPs, send SSLv2 hellos, or carry a fingerprint on the
 * configured list are tagged {@code scanner} with the reason; their records stay in the SIEM output and their
 * failures stay out of the paging rates unless {@code scanners.page=true}.
 */
package io.tlswatch.processors.scanners;
