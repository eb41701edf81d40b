// want: JAVA-COMMAND-INJECTION
package com.acme.netops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.javalin.http.Context;

public class LookupController {
    public void lookup(Context ctx) throws IOException, InterruptedException {
        String host = ctx.queryParam("host");
        String command = "nslookup " + host;
        Process process = Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", command});
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        ctx.result(output);
    }
}
