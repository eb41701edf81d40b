// clean: JAVA-ASYNC-FUTURE-DROPPED (the failure is answered)
package com.acme.vertx;

public class OrderHandler implements Handler<RoutingContext> {
    private final SqlClient client;

    public OrderHandler(SqlClient client) {
        this.client = client;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        client.preparedQuery("INSERT INTO orders (sku, qty) VALUES ($1, $2)")
                .execute(Tuple.of(body.getString("sku"), body.getInteger("qty")))
                .onSuccess(rows -> ctx.response().setStatusCode(201).end())
                .onFailure(ctx::fail);
    }
}
