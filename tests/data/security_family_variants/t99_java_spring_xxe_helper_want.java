// want: JAVA-XXE
package com.acme.feeds.web;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.w3c.dom.Document;

@RestController
public class PriceFeedController {
    private final PriceFeedImporter importer;

    public PriceFeedController(PriceFeedImporter importer) {
        this.importer = importer;
    }

    private Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(in);
    }

    @PostMapping("/api/feeds/prices")
    public ResponseEntity<String> upload(@RequestParam("file") MultipartFile file) throws Exception {
        Document doc = parse(file.getInputStream());
        int count = importer.importPrices(doc);
        return ResponseEntity.ok("imported " + count);
    }
}
