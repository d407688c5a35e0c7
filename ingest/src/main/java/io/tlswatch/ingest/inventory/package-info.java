/**
 * The VIP inventory from a CSV file ({@link io.tlswatch.ingest.inventory.VipCsv}), written to
 * {@code tlswatch.inventory} by {@code tlswatch inventory load}.
 */
package io.tlswatch.ingest.inventory;
