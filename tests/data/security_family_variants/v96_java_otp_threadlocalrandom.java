// want: JAVA-INSECURE-RANDOM
package com.acme.api;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;

@Service
public class OtpService {
    private final OtpRepository otps;

    public OtpService(OtpRepository otps) {
        this.otps = otps;
    }

    public String issueOtp(long userId) {
        String otp = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        otps.save(new Otp(userId, otp));
        return otp;
    }
}
