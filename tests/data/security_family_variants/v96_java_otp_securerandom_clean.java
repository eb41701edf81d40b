// clean: JAVA-INSECURE-RANDOM
package com.acme.api;

import java.security.SecureRandom;
import org.springframework.stereotype.Service;

@Service
public class OtpService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final OtpRepository otps;

    public OtpService(OtpRepository otps) {
        this.otps = otps;
    }

    public String issueOtp(long userId) {
        String otp = String.format("%06d", RANDOM.nextInt(1_000_000));
        otps.save(new Otp(userId, otp));
        return otp;
    }
}
