// want: JAVA-LOOKUP-IGNORES-CALLER
package com.acme.docs.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/documents")
public class DocumentController {
    private final DocumentRepository documents;

    public DocumentController(DocumentRepository documents) {
        this.documents = documents;
    }

    @GetMapping("/{id}")
    public DocumentDto get(@PathVariable Long id, @AuthenticationPrincipal AppUser user) {
        return documents.findByIdAndOwnerId(id, user.getId())
                .map(DocumentDto::from)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable Long id) {
        Document document = documents.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        documents.delete(document);
        return ResponseEntity.noContent().build();
    }
}
