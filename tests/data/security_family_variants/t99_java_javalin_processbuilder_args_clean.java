// clean: JAVA-COMMAND-INJECTION
package com.acme.netops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.javalin.http.Context;

public class LookupController {
    public void lookup(Context ctx) throws IOException, InterruptedException {
        String host = ctx.queryParam("host");
        Process process = new ProcessBuilder("nslookup", "--", host).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        ctx.result(output);
    }
}
