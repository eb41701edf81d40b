// want: JAVA-RESOURCE-LEAK
package com.acme.geo;

@Service
public class GeocodeClient {
    private final OkHttpClient http;

    public GeocodeClient(OkHttpClient http) {
        this.http = http;
    }

    public Optional<Coordinates> lookup(String address) throws IOException {
        Request request = new Request.Builder().url(BASE + "?q=" + URLEncoder.encode(address, UTF_8)).build();
        Response response = http.newCall(request).execute();
        if (!response.isSuccessful()) {
            return Optional.empty();
        }
        String json = response.body().string();
        return Optional.of(Coordinates.parse(json));
    }
}
