// clean: JAVA-RESOURCE-LEAK (the response is closed by try-with-resources)
package com.acme.geo;

@Service
public class GeocodeClient {
    private final OkHttpClient http;

    public GeocodeClient(OkHttpClient http) {
        this.http = http;
    }

    public Optional<Coordinates> lookup(String address) throws IOException {
        Request request = new Request.Builder().url(BASE + "?q=" + URLEncoder.encode(address, UTF_8)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                return Optional.empty();
            }
            return Optional.of(Coordinates.parse(response.body().string()));
        }
    }
}
