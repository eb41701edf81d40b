// want: JAVA-UNSAFE-DESERIALIZATION
package com.acme.api;

import java.beans.XMLDecoder;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class LayoutController {
    @PostMapping("/layouts")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        try (XMLDecoder decoder = new XMLDecoder(file.getInputStream())) {
            Layout layout = (Layout) decoder.readObject();
            return layout.getName();
        }
    }
}
