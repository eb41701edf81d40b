// want: JAVA-UNSAFE-DESERIALIZATION
package com.acme.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

@Controller("/sync")
public class SnapshotController {
    private final SnapshotStore store;

    public SnapshotController(SnapshotStore store) {
        this.store = store;
    }

    @Post(value = "/snapshot", consumes = "application/octet-stream")
    public HttpResponse<?> upload(@Body byte[] payload) throws IOException, ClassNotFoundException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        ObjectInputStream in = new ObjectInputStream(bytes);
        Snapshot snapshot = (Snapshot) in.readObject();
        store.save(snapshot);
        return HttpResponse.accepted();
    }
}
