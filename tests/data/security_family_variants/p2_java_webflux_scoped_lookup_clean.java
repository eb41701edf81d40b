// clean: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/web/ProjectHandler.java
package com.acme.web;

import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
public class ProjectHandler {
    private final ProjectRepository projects;

    public ProjectHandler(ProjectRepository projects) {
        this.projects = projects;
    }

    @GetMapping("/projects/{id}")
    public Mono<Project> get(@PathVariable long id, Principal principal) {
        return projects.findByIdAndOwner(id, principal.getName())
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }
}
