// clean: JAVA-HTTP-NO-TIMEOUT (connect timeout on the client, request timeout on the request)
package com.acme.fx;

public class RatesClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Rates latest(String base) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://rates.example.com/latest?base=" + base))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return mapper.readValue(response.body(), Rates.class);
    }
}
