// A controller and a WebFlux handler written for these tests: a WebClient call blocked with no timeout, a
// bounded one, and a block() on the event loop.
@RestController
class PriceController {
    @GetMapping("/products/{id}/price")
    public PriceDto price(@PathVariable String id) {
        return pricingClient.get() // expect: JAVA-REACTIVE-BLOCK
                .uri("/prices/{id}", id)
                .retrieve()
                .bodyToMono(PriceDto.class)
                .block();
    }

    @GetMapping("/products/{id}/stock")
    public StockDto stock(@PathVariable String id) {
        return stockClient.get()
                .uri("/stock/{id}", id)
                .retrieve()
                .bodyToMono(StockDto.class)
                .block(Duration.ofSeconds(2));
    }

    public Mono<ServerResponse> live(ServerRequest request) {
        Inventory stock = inventory.findBySku(request.pathVariable("sku")).block(); // expect: JAVA-REACTIVE-BLOCK
        return ServerResponse.ok().bodyValue(stock);
    }
}
