// want: JAVA-TLS-VERIFY-OFF
package com.acme.api;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.ssl.SSLContexts;

public final class PartnerHttp {
    public static CloseableHttpClient client() throws Exception {
        var tls = SSLConnectionSocketFactoryBuilder.create()
                .setSslContext(SSLContexts.createDefault())
                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setSSLSocketFactory(tls).build())
                .build();
    }
}
