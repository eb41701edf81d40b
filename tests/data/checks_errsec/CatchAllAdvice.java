package com.acme.web;

@RestControllerAdvice
public class CatchAllAdvice {

    @ExceptionHandler(Exception.class) // expect: JAVA-CATCH-ALL-CLIENT-STATUS
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ErrorBody any(Exception e) {
        log.error("request failed", e);
        return new ErrorBody("request_failed", "The request could not be processed.");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ErrorBody invalid(MethodArgumentNotValidException e) {
        return new ErrorBody("invalid", "Some fields are invalid.");
    }
}
