// want: JAVA-HTTP-NO-TIMEOUT
package com.acme.shipping;

@Configuration
public class CarrierClientConfig {

    @Bean
    public RestTemplate carrierRestTemplate() {
        RestTemplate template = new RestTemplate();
        template.setUriTemplateHandler(new DefaultUriBuilderFactory("https://api.carrier.example"));
        return template;
    }
}
