// want: JAVA-REACTIVE-BLOCK
package com.acme.kyc;

@Service
public class KycService {

    private final WebClient webClient;

    public KycService(WebClient.Builder builder) {
        this.webClient = builder.baseUrl("https://kyc.example.com").build();
    }

    public KycResult check(String customerId) {
        return webClient.get()
                .uri("/checks/{id}", customerId)
                .retrieve()
                .bodyToMono(KycResult.class)
                .block();
    }
}
