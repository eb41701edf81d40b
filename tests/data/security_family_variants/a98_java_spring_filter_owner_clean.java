// clean: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/trips/web/TripController.java
package com.acme.trips.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/trips")
public class TripController {
    private final TripRepository trips;

    public TripController(TripRepository trips) {
        this.trips = trips;
    }

    @GetMapping("/{id}")
    public Trip get(@AuthenticationPrincipal Traveller me, @PathVariable long id) {
        return trips.findById(id)
            .filter(t -> t.getTravellerId().equals(me.getId()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
