package io.tlswatch.schemas;

/**
 * What the inventory knows about the virtual server an outcome reached ({@code tlswatch.inventory}): carried by
 * the outcome so the ECS record ({@code tlswatch.vip.*}), the rates and the alerts can name the VIP and its
 * owner.
 *
 * @param name        full path of the virtual server ({@code /Common/app_vs})
 * @param owner       who gets paged for this VIP (CSV only)
 * @param pagingRoute routing hint for the alert feed (CSV only)
 * @param source      where the entry came from: {@code csv}, {@code ts_system_poller}, or
 *                    {@code csv+ts_system_poller} when both knew it
 */
public record VipInfo(
        String name, String partition, String application, String owner, String pagingRoute, String source) {}
