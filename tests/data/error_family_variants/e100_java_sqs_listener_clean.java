// clean: JAVA-LISTENER-FAILURE-SWALLOWED
package com.acme.notifications;

import io.awspring.cloud.sqs.annotation.SqsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
public class SmsListener {

    private static final Logger LOG = LoggerFactory.getLogger(SmsListener.class);

    private final SmsGateway gateway;

    public SmsListener(SmsGateway gateway) {
        this.gateway = gateway;
    }

    @SqsListener("sms-outbound")
    public void receive(SmsRequest request) {
        try {
            gateway.send(request.phone(), request.text());
        } catch (GatewayException e) {
            LOG.error("sms to {} failed", request.phone(), e);
            throw new IllegalStateException("sms send failed; leave message for redelivery", e);
        }
    }
}
