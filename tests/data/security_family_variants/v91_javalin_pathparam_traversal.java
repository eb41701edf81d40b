// want: JAVA-PATH-TRAVERSAL
package com.acme.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class AttachmentRoutes {
    private static final Path ROOT = Paths.get("/srv/attachments");

    public void register(Javalin app) {
        app.get("/attachments/{name}", this::download);
    }

    private void download(Context ctx) throws Exception {
        String name = ctx.pathParam("name");
        Path file = ROOT.resolve(name);
        ctx.contentType("application/octet-stream");
        ctx.result(Files.newInputStream(file));
    }
}
