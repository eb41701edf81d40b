// clean: JAVA-FAILURE-AS-VALUE
package com.acme.checkout.fx;

import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

@Component
public class FxRateClient {

    private static final Logger log = LoggerFactory.getLogger(FxRateClient.class);

    private final RestTemplate rest;

    public FxRateClient(RestTemplate rest) {
        this.rest = rest;
    }

    public BigDecimal rate(String from, String to) {
        try {
            RateResponse body = rest.getForObject("/rates/{from}/{to}", RateResponse.class, from, to);
            return body.rate();
        } catch (RestClientException e) {
            log.warn("fx rate {}->{} unavailable", from, to, e);
            throw new FxUnavailableException(from, to, e);
        }
    }
}
