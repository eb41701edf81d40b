package com.acme.parcels;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

@RestController
public class OutboundResults {
    private final KafkaTemplate<String, Scan> scans;
    private final HttpClient http;
    private final WebClient carrier;

    @PostMapping("/scans")
    public ResponseEntity<Void> scan(@RequestBody Scan scan) {
        scans.send("parcel-scans", scan.parcelId(), scan); // expect: JAVA-SEND-UNCONFIRMED
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/scans/confirmed")
    public ResponseEntity<Void> scanConfirmed(@RequestBody Scan scan) throws Exception {
        scans.send("parcel-scans", scan.parcelId(), scan).get(5, TimeUnit.SECONDS);
        return ResponseEntity.accepted().build();
    }

    public Rate rate(HttpRequest request) throws Exception {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString()); // expect: JAVA-HTTP-STATUS-UNCHECKED
        return Rate.parse(resp.body());
    }

    public Rate checkedRate(HttpRequest request) throws Exception {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new RateException(resp.statusCode());
        }
        return Rate.parse(resp.body());
    }

    public Label label(String parcelId) {
        ResponseEntity<Label> entity = carrier.get() // expect: JAVA-HTTP-STATUS-UNCHECKED
                .uri("/labels/{id}", parcelId)
                .exchangeToMono(r -> r.toEntity(Label.class))
                .block(Duration.ofSeconds(5));
        return entity.getBody();
    }

    public Label retrievedLabel(String parcelId) {
        ResponseEntity<Label> entity = carrier.get()
                .uri("/labels/{id}", parcelId)
                .retrieve()
                .toEntity(Label.class)
                .block(Duration.ofSeconds(5));
        return entity.getBody();
    }

    public String template(String name) {
        try {
            return Files.readString(root.resolve(name + ".html"));
        } catch (IOException e) {
            return null; // expect: JAVA-FAILURE-AS-VALUE
        }
    }

    public Optional<String> findTemplate(String name) {
        try {
            return Optional.of(Files.readString(root.resolve(name + ".html")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public BigDecimal fee(String parcelId) {
        try {
            return feeClient.getForObject("/fees/{id}", BigDecimal.class, parcelId);
        } catch (RestClientException e) {
            log.warn("fee lookup failed for {}", parcelId, e);
            return BigDecimal.ZERO; // expect: JAVA-FAILURE-AS-VALUE
        }
    }

    public BigDecimal feeOrNull(String parcelId) {
        try {
            return feeClient.getForObject("/fees/{id}", BigDecimal.class, parcelId);
        } catch (RestClientException e) {
            log.warn("fee lookup failed for {}", parcelId, e);
            return null;
        }
    }

    @PostMapping("/parcels/{id}/return")
    public ResponseEntity<ParcelDto> markReturned(@PathVariable String id) {
        Parcel parcel = parcels.getById(id);
        try {
            carrierClient.cancelPickup(parcel.pickupId());
        } catch (Exception e) { // expect: JAVA-HANDLER-FAILURE-OK
            log.error("pickup cancel failed for {}", id, e);
        }
        parcel.markReturned();
        parcels.save(parcel);
        return ResponseEntity.ok(ParcelDto.from(parcel));
    }

    @PostMapping("/parcels/{id}/notify")
    public ResponseEntity<ParcelDto> notifyOwner(@PathVariable String id) {
        Parcel parcel = parcels.getById(id);
        parcel.markNotified();
        parcels.save(parcel);
        try {
            mailer.sendNotice(parcel.ownerEmail());
        } catch (Exception e) {
            log.error("notice mail failed for {}", id, e);
        }
        return ResponseEntity.ok(ParcelDto.from(parcel));
    }
}
