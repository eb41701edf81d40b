// want: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/notes/web/NoteController.java
package com.acme.notes.web;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/notes")
public class NoteController {
    private final NoteRepository notes;

    public NoteController(NoteRepository notes) {
        this.notes = notes;
    }

    @PutMapping("/{id}")
    public ResponseEntity<Note> update(@AuthenticationPrincipal AppUser user, @PathVariable Long id,
                                       @RequestBody NoteRequest body) {
        Note note = notes.findById(id).orElseThrow(NoteNotFoundException::new);
        note.setBody(body.body());
        note.setUpdatedBy(user.getId());
        return ResponseEntity.ok(notes.save(note));
    }
}
