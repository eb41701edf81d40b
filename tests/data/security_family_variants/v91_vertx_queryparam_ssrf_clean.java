// clean: JAVA-SSRF
package com.acme.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

public class PreviewVerticle {
    private static final Map<String, String> SITES = Map.of(
        "docs", "https://docs.example.com/",
        "status", "https://status.example.com/");
    private final WebClient client;

    public PreviewVerticle(Vertx vertx, Router router) {
        this.client = WebClient.create(vertx);
        router.get("/preview").handler(this::preview);
    }

    private void preview(RoutingContext rc) {
        String site = SITES.getOrDefault(rc.queryParam("site").get(0), "https://docs.example.com/");
        client.getAbs(site).send()
            .onSuccess(resp -> rc.response().putHeader("content-type", "text/html").end(resp.bodyAsString()))
            .onFailure(rc::fail);
    }
}
