// want: JAVA-FAILURE-AS-VALUE
package com.acme.onboarding.kyc;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class KycGateway {

    private static final Logger log = LoggerFactory.getLogger(KycGateway.class);

    private final HttpClient http;
    private final KycResponseParser parser;

    public KycGateway(HttpClient http, KycResponseParser parser) {
        this.http = http;
        this.parser = parser;
    }

    public KycDecision check(HttpRequest request) {
        try {
            HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
            return parser.parse(resp.body());
        } catch (IOException | InterruptedException e) {
            log.error("kyc provider call failed", e);
            return KycDecision.APPROVED;
        }
    }
}
