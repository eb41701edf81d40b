// want: JAVA-SSRF
package com.acme.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;

public class PreviewVerticle {
    private final WebClient client;

    public PreviewVerticle(Vertx vertx, Router router) {
        this.client = WebClient.create(vertx);
        router.get("/preview").handler(this::preview);
    }

    private void preview(RoutingContext rc) {
        String target = rc.queryParam("url").get(0);
        client.getAbs(target).send()
            .onSuccess(resp -> rc.response().putHeader("content-type", "text/html").end(resp.bodyAsString()))
            .onFailure(rc::fail);
    }
}
