// Fixture for persona-review Java checks. `// expect: ID` marks the line a finding must land on.
package example.config;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

public class SecurityMatcherOrder {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/api/auth/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/catalog/**").permitAll()
                .requestMatchers("/api/**").authenticated()
                .requestMatchers("/api/admin/refunds/**", "/api/admin/coupons/**").hasRole("ADMIN") // expect: JAVA-SECURITY-MATCHER-SHADOWED
                .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain ordered(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/ops/admin/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.DELETE, "/ops/reports/{id}").hasAuthority("reports:delete")
                .requestMatchers("/ops/reports/**").authenticated()
                .requestMatchers("/ops/public/**", "/ops/public").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    SecurityWebFilterChain reactive(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/shipments/*").permitAll()
                .pathMatchers(HttpMethod.GET, "/shipments/{id}").hasAuthority("SCOPE_shipments:read") // expect: JAVA-SECURITY-MATCHER-SHADOWED
                .pathMatchers(HttpMethod.POST, "/shipments/{id}").hasAuthority("SCOPE_shipments:write")
                .anyExchange().authenticated())
            .build();
    }
}
