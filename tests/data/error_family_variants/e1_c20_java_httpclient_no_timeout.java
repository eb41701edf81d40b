// want: JAVA-HTTP-NO-TIMEOUT
package com.acme.fx;

public class RatesClient {

    private final HttpClient http = HttpClient.newHttpClient();

    public Rates latest(String base) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://rates.example.com/latest?base=" + base))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return mapper.readValue(response.body(), Rates.class);
    }
}
