// clean: JAVA-HTTP-NO-TIMEOUT (connect and read timeouts are set)
package com.acme.rates;

@Service
public class RatesClient {
    public String latest(String base) throws IOException {
        URL url = new URL("https://rates.example.com/v1/latest?base=" + base);
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setConnectTimeout(3000);
        conn.setReadTimeout(5000);
        conn.setRequestMethod("GET");
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
