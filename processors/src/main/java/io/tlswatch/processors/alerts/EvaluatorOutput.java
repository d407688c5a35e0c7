package io.tlswatch.processors.alerts;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.VipRate;

/** One output of the rates stage: a rate record or a VIP's alert transition (exactly one is set). */
public record EvaluatorOutput(VipRate rate, AlertEvent alert) {}
