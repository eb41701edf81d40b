// clean: JAVA-ROUTE-NO-AUTH
package com.acme.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

@Controller("/devices")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class DeviceController {
    private final DeviceService devices;

    public DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    @Get
    public List<Device> list(Authentication auth) {
        return devices.forOwner(auth.getName());
    }

    @Delete("/{id}")
    public void remove(@PathVariable String id, Authentication auth) {
        devices.remove(auth.getName(), id);
    }
}
