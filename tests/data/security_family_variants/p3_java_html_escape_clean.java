// clean: JAVA-XSS
package com.acme.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
public class UnsubscribeController {
    @GetMapping(value = "/unsubscribe/done", produces = MediaType.TEXT_HTML_VALUE)
    public String done(@RequestParam String email) {
        return "<html><body><p>" + HtmlUtils.htmlEscape(email) + " has been unsubscribed.</p></body></html>";
    }
}
