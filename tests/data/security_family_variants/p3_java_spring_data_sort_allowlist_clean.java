// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TicketController {
    private static final Map<String, String> SORTS = Map.of("opened", "openedAt", "priority", "priority");
    private final TicketRepository tickets;

    public TicketController(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/tickets")
    public Page<Ticket> list(@RequestParam(defaultValue = "opened") String sort, @RequestParam(defaultValue = "0") int page) {
        String property = SORTS.getOrDefault(sort, "openedAt");
        return tickets.findAll(PageRequest.of(page, 50, Sort.by(Sort.Direction.DESC, property)));
    }
}
