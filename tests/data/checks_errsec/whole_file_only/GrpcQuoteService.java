package com.example.pricing.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

public class GrpcQuoteService extends QuoteServiceGrpc.QuoteServiceImplBase {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GrpcQuoteService.class);
    private final Pricing pricing;

    public GrpcQuoteService(Pricing pricing) {
        this.pricing = pricing;
    }

    @Override
    public void quote(QuoteRequest request, StreamObserver<QuoteResponse> responseObserver) {
        try {
            responseObserver.onNext(pricing.quote(request));
            responseObserver.onCompleted();
        } catch (UnknownSkuException e) {
            responseObserver.onError(Status.NOT_FOUND.withDescription("unknown sku").asRuntimeException());
        } catch (RuntimeException e) { // expect: JAVA-GRPC-CATCH-NO-STATUS
            log.error("quote failed for {}", request.getSku(), e);
        }
    }

    @Override
    public void price(QuoteRequest request, StreamObserver<QuoteResponse> responseObserver) {
        try {
            responseObserver.onNext(pricing.quote(request));
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            log.error("price failed for {}", request.getSku(), e);
            responseObserver.onError(Status.INTERNAL.withDescription("pricing failed").asRuntimeException());
        }
    }
}
