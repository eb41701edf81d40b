// clean: JAVA-HTTP-NO-TIMEOUT
package com.acme.pricing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public class PricingClient {
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public String quote(String sku) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://pricing.internal/v1/quote/" + sku))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("pricing returned " + response.statusCode());
        }
        return response.body();
    }
}
