package example.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.servlet.http.HttpServletRequest;

public class SecretCompare {
    private static final String BEARER = "Bearer";

    boolean verify(HttpServletRequest request, String computedSignature) {
        String signature = request.getHeader("X-Signature");
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        if (signature.equals(computedSignature)) { // expect: JAVA-TIMING-COMPARE
            return true;
        }
        return MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                computedSignature.getBytes(StandardCharsets.UTF_8));
    }

    boolean apiKey(HttpServletRequest request, Client client) {
        if (BEARER.equals(request.getAuthType())) {
            return false;
        }
        if ("".equals(client.getApiKey())) {
            return false;
        }
        return request.getHeader("X-Api-Key").equalsIgnoreCase(client.getApiKey()); // expect: JAVA-TIMING-COMPARE
    }

    boolean sameKind(Token a, Token b) {
        return a.getType().equals(b.getType());
    }
}
