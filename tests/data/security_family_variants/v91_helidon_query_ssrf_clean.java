// clean: JAVA-SSRF
package com.acme.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class ProbeService implements HttpService {
    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/probe", this::probe);
    }

    private void probe(ServerRequest req, ServerResponse res) throws Exception {
        String service = req.query().get("service");
        URI target = URI.create("https://internal.example.com/health/" + Integer.parseInt(service));
        HttpRequest request = HttpRequest.newBuilder(target).GET().build();
        HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
        res.send(reply.statusCode() + "");
    }
}
