package com.acme.notify;

public class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private final SmsGateway sms;
    private final SqlClient client;
    private final UploadListener listener;

    public Notifier(SmsGateway sms, SqlClient client, UploadListener listener) {
        this.sms = sms;
        this.client = client;
        this.listener = listener;
    }

    public void blind(String phone) {
        CompletableFuture.runAsync(() -> sms.send(phone, "hello")) // expect: JAVA-ASYNC-FUTURE-DROPPED
                .exceptionally(ex -> null);
    }

    public void logged(String phone) {
        CompletableFuture.runAsync(() -> sms.send(phone, "hello"))
                .exceptionally(ex -> {
                    log.warn("sms failed", ex);
                    return null;
                });
    }

    public void insert(RoutingContext ctx, String sku) {
        client.preparedQuery("INSERT INTO items (sku) VALUES ($1)") // expect: JAVA-ASYNC-FUTURE-DROPPED
                .execute(Tuple.of(sku))
                .onSuccess(rows -> ctx.response().setStatusCode(201).end());
    }

    public void insertAnswered(RoutingContext ctx, String sku) {
        client.preparedQuery("INSERT INTO items (sku) VALUES ($1)")
                .execute(Tuple.of(sku))
                .onSuccess(rows -> ctx.response().setStatusCode(201).end())
                .onFailure(ctx::fail);
    }

    public void callback(String url, Message msg) {
        listener.onSuccess(url);
        msg.getCallback().onSuccess();
    }
}
