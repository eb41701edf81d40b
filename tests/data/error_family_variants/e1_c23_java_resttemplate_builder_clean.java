// clean: JAVA-HTTP-NO-TIMEOUT (connect and read timeouts set on the builder)
package com.acme.shipping;

@Configuration
public class CarrierClientConfig {

    @Bean
    public RestTemplate carrierRestTemplate(RestTemplateBuilder builder) {
        return builder
                .rootUri("https://api.carrier.example")
                .setConnectTimeout(Duration.ofSeconds(3))
                .setReadTimeout(Duration.ofSeconds(10))
                .build();
    }
}
