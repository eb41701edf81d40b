// want: JAVA-EXCEPTION-LEAK
package com.acme.web;

@RestControllerAdvice
public class Errors {
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ErrorBody> handle(Exception ex) {
        return ResponseEntity.internalServerError().body(new ErrorBody(ex.toString()));
    }
}
