// want: JAVA-HTTP-NO-TIMEOUT
package com.acme.rates;

@Service
public class RatesClient {
    public String latest(String base) throws IOException {
        URL url = new URL("https://rates.example.com/v1/latest?base=" + base);
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setRequestMethod("GET");
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
