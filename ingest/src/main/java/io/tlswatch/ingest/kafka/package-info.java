/** What the ingest producers share: the account of every record sent, acknowledged or lost. */
package io.tlswatch.ingest.kafka;
