/**
 * File replay: read log lines from files or stdin ({@link io.tlswatch.ingest.replay.LogFiles}) and write them
 * to the raw log topic as Telemetry Streaming does ({@link io.tlswatch.ingest.replay.LogLineProducer}).
 */
package io.tlswatch.ingest.replay;
