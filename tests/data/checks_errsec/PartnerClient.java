// Fixture for the Java outbound-timeout check. `// expect: ID` marks the line a finding must land on.
package app.partner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.springframework.web.client.RestTemplate;

public class PartnerClient {
    private final HttpClient client = HttpClient.newHttpClient(); // expect: JAVA-HTTP-NO-TIMEOUT
    private final HttpClient bounded = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final HttpClient redirecting = HttpClient.newBuilder() // expect: JAVA-HTTP-NO-TIMEOUT
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final RestTemplate rest = new RestTemplate(); // expect: JAVA-HTTP-NO-TIMEOUT
    private final RestTemplate configured = new RestTemplate(requestFactory());

    public String fetch(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://partner.example/items/" + id)) // expect: JAVA-HTTP-NO-TIMEOUT
                .GET()
                .build();
        HttpRequest limited = HttpRequest.newBuilder(URI.create("https://partner.example/items/" + id))
                .timeout(Duration.ofSeconds(5))
                .build();
        client.send(limited, BodyHandlers.ofString());
        return bounded.send(request, BodyHandlers.ofString()).body();
    }
}
